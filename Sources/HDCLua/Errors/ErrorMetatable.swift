import DevCenter
import LuaKit

/// The metatable every `hdc.Error` table shares (`hdc.Error` in scripts), kept in the
/// registry under its name.
enum ErrorMetatable {
    static let name = "hdc.Error"

    /// Pushes the metatable, creating it in a state that has none yet.
    static func push(on stack: LuaStack) {
        stack.pushRegistry()
        if stack.rawGet(at: -1, name) == .table {
            stack.remove(at: -2)
            return
        }
        stack.pop()
        stack.newTable(fieldCapacity: 2)
        stack.push(name)
        stack.rawSet(at: -2, "__name")
        stack.push(function: toString)
        stack.rawSet(at: -2, "__tostring")
        stack.sealMetatable(at: -1)
        stack.pushValue(at: -1)
        stack.rawSet(at: -3, name)
        stack.remove(at: -2)
    }

    /// True when the value at `index` is a table with this metatable.
    static func isError(at index: Int32, on stack: LuaStack) -> Bool {
        guard stack.type(at: index) == .table, stack.pushMetatable(at: index) else { return false }
        push(on: stack)
        defer { stack.pop(2) }
        return stack.identity(at: -1) == stack.identity(at: -2)
    }

    /// `__tostring`: the paragraph, from the fields as they are now.
    static func toString(_ call: LuaCall) throws -> LuaReturn {
        let stack = call.stack
        guard stack.type(at: 1) == .table else {
            stack.push(name)
            return .values(1)
        }
        func text(_ key: String) -> String? {
            defer { stack.pop() }
            switch stack.rawGet(at: 1, key) {
            case .string: return stack.string(at: -1)
            case .number: return stack.describe(at: -1)
            default: return nil
            }
        }
        func lines(_ key: String, _ read: () -> Void) {
            defer { stack.pop() }
            guard stack.rawGet(at: 1, key) == .table else { return }
            read()
        }
        var validation: [(String?, String?)] = []
        lines("validation_errors") {
            for i in 1...max(1, stack.rawLength(at: -1)) {
                defer { stack.pop() }
                guard stack.rawGet(at: -1, index: Int64(i)) == .table else { continue }
                let target = stack.rawGet(at: -1, "target") == .string ? stack.string(at: -1) : nil
                stack.pop()
                let said = stack.rawGet(at: -1, "message") == .string ? stack.string(at: -1) : nil
                stack.pop()
                validation.append((target, said))
            }
        }
        var details: [String] = []
        lines("details") {
            for i in 0..<stack.rawLength(at: -1) {
                defer { stack.pop() }
                if stack.rawGet(at: -1, index: Int64(i + 1)) == .string, let line = stack.string(at: -1) { details.append(line) }
            }
        }
        let attempts = stack.rawGet(at: 1, "attempts") == .number ? Int(stack.integer(at: -1) ?? 1) : 1
        stack.pop()
        stack.push(DevCenterError.paragraph(
            message: text("message") ?? text("code") ?? "error", advice: text("advice") ?? "",
            validationErrors: validation, details: details, errorReportURL: text("error_report_url"),
            requestID: text("request_id"), correlationID: text("correlation_id"), attempts: attempts))
        return .values(1)
    }
}

extension HDCError {
    /// The `kind` of the `hdc.Error` at `index`, or nil when the value is not one: what the
    /// interpreter's exit status is decided on.
    public static func kind(ofValueAt index: Int32, on stack: LuaStack) -> ErrorKind? {
        guard ErrorMetatable.isError(at: index, on: stack) else { return nil }
        defer { stack.pop() }
        guard stack.rawGet(at: index, "kind") == .string, let name = stack.string(at: -1) else { return nil }
        return ErrorKind(rawValue: name)
    }
}
