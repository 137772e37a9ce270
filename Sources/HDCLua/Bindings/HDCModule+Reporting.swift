import DevCenter
import LuaKit

/// What scripts need to show results: the run's redactor and the service's completion rules,
/// so that `pretty`, `cli`, `report` and the scripts apply the rules `hdc` itself applies
/// instead of copies of them.
extension HDCModule {
    static var reportingBindings: [HDCBinding] { [redact, progress] }

    private static var redact: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "redact",
            summary: "Text with every secret hwsubmit knows blanked: SAS signatures, tokens, client secrets, as hwsubmit's own logs and errors show them.",
            parameters: [
                LuaParameterDoc("text", "string", "text that may hold a SAS URL, a token or a secret (a number is taken as its text)"),
                LuaParameterDoc("field", "string", optional: true, "the name of the field `text` is the value of: a secret field (`sig`, `access_token`, `client_secret`, `authorization`, …) is blanked whole"),
            ],
            returns: [LuaReturnDoc("string", "the text, each secret replaced by `<redacted>`")],
            example: """
                print(hdc.redact(submission.downloads.items[1].url))   --> …&sig=<redacted>&se=…
                """,
            access: .local,
            notes: "It finds a SAS URL's `sig` plain, percent-encoded (`%26sig%3D…`, `%2526sig%253D…`), JSON-escaped (`\\u0026sig=…`) or HTML-escaped (`&amp;sig=…`), in any case; `Bearer` credentials; JWTs; `access_token`, `client_secret` and the like in forms and JSON; and the exact values of the run's secrets (`HDC_CLIENT_SECRET`, `HDC_ACCESS_TOKEN`, a profile's secret), raw, percent-encoded or JSON-escaped. `pretty`, `cli` (`--json`), `report` (tables, JUnit, the step summary), `log` and uncaught errors all go through it.")
        ) { b in
            // Bytes, not text: a string that is not UTF-8 (binary data) comes back unchanged.
            let text = try b.call.bytes(b.index(1))
            var field: String?
            if !b.isAbsent(2) { field = try b.string(2) }
            // The scan and its copy take time and memory in proportion to the text: charged to
            // the caller's limits (a sandbox's instructions, deadline and memory) first.
            var meter = LuaWorkMeter(b.stack)
            try meter.charge(1 + text.count >> 3)
            try meter.hold(2 * text.count)
            if let redacted = b.runtime.redactor.redact(bytes: text, field: field) {
                b.stack.push(bytes: redacted)
            } else {
                b.stack.pushValue(at: b.index(1))
            }
            return .values(1)
        }
    }

    /// The fields of a resource the completion rules read; `hdc.progress` encodes only these.
    private static let progressFields = ["id", "productId", "submissionId", "commitStatus", "workflowStatus", "downloads"]

    private static var progress: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "progress",
            summary: "Where a submission or shipping label stands by the service's completion rules, the ones `hdc.wait` and `hdc.wait_shipping_label` apply.",
            parameters: [LuaParameterDoc("resource", "hdc.Submission|hdc.ShippingLabel", "a submission or a shipping label as `hdc` returned it (a table with `submissionId` is a label)")],
            returns: [LuaReturnDoc("hdc.Progress", "`done`, `succeeded`, `failed`, `outcome`, `step`, `state`, `commit_status`, `committed`, `summary`, `messages`, `error_report_url`")],
            example: """
                local p = hdc.progress(hdc.submission(product_id, submission_id))
                if p.failed then print("failed at " .. p.step .. ": " .. table.concat(p.messages, "; "))
                elseif p.done then print("signed") else print(p.summary) end
                """,
            access: .local,
            notes: "Only the fields the rules read are looked at (`id`, `productId`, `submissionId`, `commitStatus`, `workflowStatus`, `downloads`); a table that is not a resource is a bad argument naming the field. Use it rather than comparing steps and states: `state == \"completed\"` at a step before `finalizeIngestion` is progress, not success.")
        ) { b in
            try b.call.table(b.index(1))
            let stack = b.stack
            let source = stack.absolute(b.index(1))
            let isLabel = stack.rawGet(at: source, "submissionId") != .nil
            stack.pop()
            stack.newTable(fieldCapacity: progressFields.count)
            for field in progressFields {
                stack.rawGet(at: source, field)
                stack.rawSet(at: -2, field)
            }
            let json: JSONValue
            do {
                json = emptyTablesAsArrays(try stack.withJSON(at: -1) { try JSONValue(parsing: $0) })
            } catch {
                throw LuaArgumentError(argument: b.index(1), message: "a submission or shipping label expected: \(error)")
            }
            stack.pop()
            do {
                if isLabel {
                    let label = try json.decode(ShippingLabel.self)
                    push(label.progress, kind: "shipping label", status: label.workflowStatus, commit: nil, on: stack)
                } else {
                    let submission = try json.decode(Submission.self)
                    push(submission.progress, kind: "submission", status: submission.workflowStatus, commit: submission.commitStatus, on: stack)
                }
            } catch {
                throw LuaArgumentError(
                    argument: b.index(1),
                    message: "a \(isLabel ? "shipping label" : "submission") expected: \(DecodingErrorText.describe(error))")
            }
            return .values(1)
        }
    }

    /// `value` with every empty object below the top made an empty array: an empty Lua table
    /// encodes as `{}`, and where the rules read one (`messages`, `items`) it is an empty list.
    private static func emptyTablesAsArrays(_ value: JSONValue, top: Bool = true) -> JSONValue {
        switch value {
        case .object(let members) where members.isEmpty && !top: return .array([])
        case .object(let members): return .object(members.mapValues { emptyTablesAsArrays($0, top: false) })
        case .array(let items): return .array(items.map { emptyTablesAsArrays($0, top: false) })
        default: return value
        }
    }

    private static func push(_ progress: SubmissionProgress, kind: String, status: WorkflowStatus?, commit: CommitStatus?, on stack: LuaStack) {
        stack.newTable(fieldCapacity: 12)
        func set(_ key: String, _ value: String?) {
            guard let value else { return }
            stack.push(value)
            stack.rawSet(at: -2, key)
        }
        func set(_ key: String, _ value: Bool) {
            stack.push(value)
            stack.rawSet(at: -2, key)
        }
        set("kind", kind)
        let messages: [String]
        switch progress {
        case .inProgress:
            set("outcome", "inProgress")
            messages = status?.messages ?? []
        case .succeeded:
            set("outcome", "succeeded")
            messages = status?.messages ?? []
        case .failed(_, let failureMessages, let errorReport):
            set("outcome", "failed")
            messages = failureMessages
            set("error_report_url", errorReport.flatMap { $0.isEmpty ? nil : $0 })
        }
        set("done", progress.isFinal)
        set("succeeded", progress == .succeeded)
        set("failed", progress.isFinal && progress != .succeeded)
        set("step", status?.currentStep?.rawValue)
        set("state", status?.state?.rawValue)
        if let commit {
            set("commit_status", commit.rawValue)
            set("committed", commit.commitLanded)
        } else if kind == "submission" {
            set("committed", false)
        }
        let change = WorkflowChange(resource: (), step: status?.currentStep, state: status?.state, commitStatus: commit, elapsed: .zero)
        set("summary", change.summary)
        stack.newTable(arrayCapacity: messages.count)
        stack.markAsJSONArray(at: -1)
        for (offset, message) in messages.enumerated() {
            stack.push(message)
            stack.rawSet(at: -2, index: Int64(offset + 1))
        }
        stack.rawSet(at: -2, "messages")
    }
}
