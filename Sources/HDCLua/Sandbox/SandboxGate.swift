import Foundation
import LuaKit

/// The one place a sandbox decides on calls to the service.
///
/// - A binding the registry documents as `write` access (create, update, commit, upload,
///   cancel, the emulator's admin functions) runs in a sandbox only when its policy grants
///   `submit` (`--allow-submit`).
/// - Paths are not checked here but where each binding reads them (`BindingCall.path`), so
///   that the value checked is the value used.
/// - `hdc.upload` and `hdc.download` in a sandbox go only to transfer URLs the service handed
///   out in this run, exactly as handed out (``TransferURLLedger``): a bare URL, or a URL in
///   the `downloads` of the submission table given, that it did not hand out is refused. A
///   read (`hdc.download`) needs no grant, so this alone keeps it from reaching other hosts.
/// - `hdc.connect` in a sandbox takes a `profile` and the client's behaviour options only:
///   a `base_url` would send the account's token to another host, `*_env` / `*_file`
///   fields would read variables and files the sandbox was not granted, and a certificate path,
///   a token command or a pool would name a credential.
///
/// Made once per binding when it is bound; nil for bindings it has nothing to say about, so
/// they pay nothing.
struct SandboxGate {
    /// The capability a sandbox grants for `write` access: `--allow-submit`, `submit = true`.
    static let capability = "submit"
    /// Fields of `hdc.connect`'s table a sandbox may not set.
    static let connectionFields = [
        "base_url", "tenant_id", "client_id", "authority", "token_endpoint", "client_secret_env",
        "client_secret_file", "access_token_env", "credential", "certificate_path", "certificate_passphrase_env",
        "certificate_algorithm", "send_certificate_chain", "federated_token_file", "federated_token_command",
        "federated_audience", "managed_identity_client_id", "pool",
    ]

    let name: String
    let writes: Bool
    let isConnect: Bool
    let transfers: Bool

    init?(_ doc: LuaFunctionDoc) {
        name = doc.qualifiedName
        isConnect = doc.module == HDCModule.name && doc.name == "connect" && !doc.isMethod
        writes = doc.access == .write
        transfers = doc.module == HDCModule.name && (doc.name == "upload" || doc.name == "download")
        guard writes || isConnect || transfers else { return nil }
    }

    /// Throws the sandbox's refusal when the calling thread runs in a sandbox that does not
    /// allow this call; `offset` is 1 for a method (its arguments follow `self`).
    func check(_ stack: LuaStack, offset: Int32 = 0, transferURLs: TransferURLLedger) throws(HDCError) {
        guard let context = stack.state.sandboxContext(for: stack) else { return }
        do {
            if writes { try context.check(capability: SandboxGate.capability, for: "\(name) (a write operation on the service)") }
            if transfers { try checkTransferURLs(stack, at: 1 + offset, ledger: transferURLs) }
        } catch {
            throw HDCError(error)
        }
        guard isConnect, stack.type(at: 1 + offset) == .table else { return }
        for field in SandboxGate.connectionFields {
            let present = stack.rawGet(at: 1 + offset, field) != .nil
            stack.pop()
            if present {
                throw HDCError(LuaSandboxViolation.forbidden(
                    "\(name) with '\(field)' (in a sandbox, clients connect through a named profile only)"))
            }
        }
    }

    /// Refuses a transfer target at `index` that names a URL the service did not hand out: a
    /// bare URL, or in a submission table any URL a transfer may take from it (an item's `url`
    /// in its `downloads`, a `href` of its `links`, its `workflowStatus.errorReport`).
    private func checkTransferURLs(_ stack: LuaStack, at index: Int32, ledger: TransferURLLedger) throws(LuaSandboxViolation) {
        switch stack.type(at: index) {
        case .string:
            guard let text = stack.string(at: index), text.contains("://") else { return }
            try checkTransferURL(text, ledger: ledger)
        case .table:
            try checkList(stack, of: index, path: ["downloads", "items"], field: "url", ledger: ledger)
            try checkList(stack, of: index, path: ["links"], field: "href", ledger: ledger)
            let base = stack.top
            defer { stack.top = base }
            if stack.rawGet(at: index, "workflowStatus") == .table, stack.rawGet(at: -1, "errorReport") == .string,
                let url = stack.string(at: -1), !url.isEmpty
            {
                try checkTransferURL(url, ledger: ledger)
            }
        default:
            return
        }
    }

    /// Checks `field` of every table in the array at `path` of the table at `index`.
    private func checkList(
        _ stack: LuaStack, of index: Int32, path: [String], field: String, ledger: TransferURLLedger
    ) throws(LuaSandboxViolation) {
        let base = stack.top
        defer { stack.top = base }
        var parent = index
        for key in path {
            guard stack.rawGet(at: parent, key) == .table else { return }
            parent = -1
        }
        var item: Int64 = 1
        while stack.rawGet(at: -1, index: item) == .table {
            if stack.rawGet(at: -1, field) == .string, let url = stack.string(at: -1), !url.isEmpty {
                try checkTransferURL(url, ledger: ledger)
            }
            stack.pop(2)
            item += 1
        }
    }

    private func checkTransferURL(_ url: String, ledger: TransferURLLedger) throws(LuaSandboxViolation) {
        guard !ledger.contains(url) else { return }
        let verb = name.hasSuffix("upload") ? "uploading to" : "downloading from"
        throw LuaSandboxViolation(
            .permission(.capability("none")),
            message: "\(name) \(verb) '\(TransferURLLedger.withoutQuery(url))' is not allowed: in a sandbox, transfers go only to URLs the service handed out in this run",
            advice: "Pass the submission as hdc returned it, or its product and submission IDs, so that the URL comes from the service.")
    }
}
