import Foundation
import DevCenter
import HDCLua
import LuaKit
import Testing

/// hdc.Error tables: their fields, their text, and the kinds the exit status is decided on.
@Suite struct ErrorObjectTests {
    @Test func everyDevCenterKindHasAScriptKindOfTheSameName() {
        for kind in DevCenterError.Kind.all {
            #expect(ErrorKind(kind).rawValue == kind.name, "add \(kind.name) to ErrorKind and give it a category")
        }
    }

    @Test func kindsFallIntoTheDocumentedCategories() {
        #expect(ErrorKind.notFound.category == .notFound)
        #expect(ErrorKind.forbidden.category == .authentication)
        #expect(ErrorKind.configuration.category == .authentication)
        #expect(ErrorKind.invalidState.category == .invalidState)
        #expect(ErrorKind.rateLimited.category == .rateLimited)
        #expect(ErrorKind.workflowFailed.category == .workflowFailed)
        #expect(ErrorKind.network.category == .io)
        #expect(ErrorKind.timeout.category == .timeout)
        #expect(ErrorKind.interrupted.category == .interrupted)
        #expect(ErrorKind.invalidInput.category == .script)
        #expect(FailureCategory.allCases.allSatisfy { !$0.kinds.isEmpty }, "every category is reachable")
    }

    @Test func aServiceRefusalBecomesATableWithEveryField() throws {
        let body = #"{"error": {"code": "invalidInput", "message": "The product is invalid.", "validationErrors": [{"target": "requestedSignatures[0]", "message": "unknown OS code"}]}}"#
        let refusal = DevCenterError.response(
            status: 400, body: Array(body.utf8), operation: "POST /products", requestID: "req-1", correlationID: "corr-1",
            retryAfter: .seconds(3))
        let state = try LuaState()
        defer { state.close() }
        let stack = state.stack
        HDCError(refusal).pushErrorValue(on: stack)
        func field(_ name: String) -> String? {
            defer { stack.pop() }
            stack.rawGet(at: 1, name)
            return stack.type(at: -1) == .nil ? nil : stack.describe(at: -1)
        }
        #expect(field("kind") == "invalidInput")
        #expect(field("code") == "invalidInput")
        #expect(field("status") == "400")
        #expect(field("request_id") == "req-1")
        #expect(field("correlation_id") == "corr-1")
        #expect(field("retryable") == "false")
        #expect(field("retry_after") == "3.0")
        #expect(field("operation") == "POST /products")
        #expect(field("delivery") == "answered")
        #expect(HDCError.kind(ofValueAt: 1, on: stack) == .invalidInput)
        let text = stack.describe(at: 1)
        #expect(text == refusal.description, "tostring(err) is DevCenter's own paragraph")
        #expect(text.contains("requestedSignatures[0]: unknown OS code"))
    }

    @Test func theTextFollowsTheFieldsAndNeverShowsASignature() throws {
        let state = try LuaState()
        defer { state.close() }
        var error = HDCError(kind: .workflowFailed, message: "submission 1 failed at step scanning", advice: "Fix it.")
        error.errorReportURL = "https://acct.blob.core.windows.net/c/report.txt?sv=1&sig=TOPSECRETSIG&se=2"
        error.details = ["second message"]
        error.pushErrorValue(on: state.stack)
        let text = state.stack.describe(at: -1)
        #expect(text == "submission 1 failed at step scanning. Fix it.\n  second message\n  error report: https://acct.blob.core.windows.net/c/report.txt?sv=1&sig=<redacted>&se=2")
        #expect(!text.contains("TOPSECRETSIG"))
    }

    @Test func otherValuesAreNotErrors() throws {
        let state = try LuaState()
        defer { state.close() }
        state.stack.newTable()
        #expect(HDCError.kind(ofValueAt: -1, on: state.stack) == nil)
        state.stack.push("text")
        #expect(HDCError.kind(ofValueAt: -1, on: state.stack) == nil)
    }
}

/// The README's exit status table names each kind where the interpreter puts it.
@Suite struct ExitStatusTableTests {
    @Test func theReadmeListsEveryKindUnderItsStatus() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let statuses: [FailureCategory: String] = [
            .script: "1", .authentication: "3", .notFound: "4", .invalidState: "5", .rateLimited: "6", .workflowFailed: "7",
            .io: "8", .timeout: "9", .sandbox: "10", .interrupted: "130",
        ]
        for kind in ErrorKind.allCases {
            let status = try #require(statuses[kind.category])
            let row = readme.split(separator: "\n").first { $0.hasPrefix("| \(status) |") }
            #expect(row?.contains("`\(kind.rawValue)`") == true, "README: the row of status \(status) names the kind \(kind.rawValue)")
        }
    }
}
