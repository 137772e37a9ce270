import Foundation
import LuaKit

/// The one place a sandbox decides on calls to the service.
///
/// - A binding the registry documents as `write` access (create, update, commit, upload,
///   cancel, the emulator's admin functions) runs in a sandbox only when its policy grants
///   `submit` (`--allow-submit`).
/// - A binding that takes file paths (`fs`, `archive`, `inf`: ``fileArguments``) runs only
///   when each path lies below a directory the sandbox may read or write, as the argument is
///   used (paths resolved, `..` and links followed: `LuaPathConfinement`).
/// - `hdc.connect` in a sandbox takes a `profile` and the client's behaviour options only:
///   a `base_url` would send the account's token to another host, and `*_env` / `*_file`
///   fields would read variables and files the sandbox was not granted.
///
/// Made once per binding when it is bound; nil for bindings it has nothing to say about, so
/// they pay nothing.
struct SandboxGate {
    /// The capability a sandbox grants for `write` access: `--allow-submit`, `submit = true`.
    static let capability = "submit"
    /// Fields of `hdc.connect`'s table a sandbox may not set.
    static let connectionFields = [
        "base_url", "tenant_id", "client_id", "authority", "token_endpoint", "client_secret_env",
        "client_secret_file", "access_token_env",
    ]

    /// How a binding uses a path argument.
    enum FileUse {
        case read
        case write
    }

    /// Stands for "the last string argument" in ``fileArguments``.
    static let lastString: Int32 = 0

    /// The path arguments of the stdlib's file functions, by qualified name: what the sandbox
    /// checks before they run. `fs.tmpdir` writes below the system's temporary directory.
    static let fileArguments: [String: [(argument: Int32, use: FileUse)]] = [
        "fs.exists": [(1, .read)], "fs.is_dir": [(1, .read)], "fs.size": [(1, .read)], "fs.list": [(1, .read)],
        "fs.read": [(1, .read)], "fs.write": [(1, .write)], "fs.mkdir": [(1, .write)], "fs.remove": [(1, .write)],
        "fs.rename": [(1, .write), (2, .write)],
        "archive.zip": [(1, .read), (2, .write)], "archive.list": [(1, .read)], "archive.read": [(1, .read)],
        "archive.extract": [(1, .read), (2, .write)],
        "inf.read": [(1, .read)],
        // The target before the path takes one or two arguments: the path is the last string.
        "hdc.upload": [(lastString, .read)], "hdc.download": [(lastString, .write)],
    ]

    let name: String
    let writes: Bool
    let isConnect: Bool
    let files: [(argument: Int32, use: FileUse)]
    let usesTemporaryDirectory: Bool

    init?(_ doc: LuaFunctionDoc) {
        name = doc.qualifiedName
        isConnect = doc.module == HDCModule.name && doc.name == "connect" && !doc.isMethod
        writes = doc.access == .write
        files = SandboxGate.fileArguments[name] ?? []
        usesTemporaryDirectory = name == "fs.tmpdir"
        guard writes || isConnect || !files.isEmpty || usesTemporaryDirectory else { return nil }
    }

    /// Throws the sandbox's refusal when the calling thread runs in a sandbox that does not
    /// allow this call; `offset` is 1 for a method (its arguments follow `self`).
    func check(_ stack: LuaStack, offset: Int32 = 0) throws(HDCError) {
        guard let context = stack.state.sandboxContext(for: stack) else { return }
        do {
            if writes { try context.check(capability: SandboxGate.capability, for: "\(name) (a write operation on the service)") }
            for (argument, use) in files {
                let index = argument == SandboxGate.lastString
                    ? (stride(from: stack.top, to: offset, by: -1).first { stack.type(at: $0) == .string } ?? 0)
                    : argument + offset
                guard index > 0, stack.type(at: index) == .string else { continue }
                let path = stack.string(at: index) ?? ""
                switch use {
                case .read: _ = try context.checkRead(path)
                case .write: _ = try context.checkWrite(path)
                }
            }
            if usesTemporaryDirectory { _ = try context.checkWrite(FileManager.default.temporaryDirectory.path) }
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
}
