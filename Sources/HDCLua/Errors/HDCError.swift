import DevCenter
import LuaKit

/// An error raised into a script as an `hdc.Error` table: what a failed service call, a Ctrl-C
/// or a failed local file operation looks like to Lua.
///
/// The table has `code`, `kind`, `message`, `advice`, `status`, `validation_errors`, `details`,
/// `request_id`, `correlation_id`, `retryable`, `retry_after`, `attempts`, `operation`,
/// `delivery` and `error_report_url` (absent fields are nil), and the shared metatable
/// `hdc.Error`, whose `__tostring` gives one paragraph: what happened, to what, what to do.
/// `pcall` callers branch on `err.code` (the service's code, `entityNotFound`, …) or `err.kind`
/// (``ErrorKind``); the interpreter maps `kind` to its exit status.
public struct HDCError: Error, LuaErrorValue, CustomStringConvertible, Sendable {
    public var kind: ErrorKind
    /// The service's error code when it sent one, else the kind's name.
    public var code: String
    public var message: String
    public var advice: String
    public var status: Int?
    public var validationErrors: [ServiceErrorBody.ValidationError] = []
    public var details: [String] = []
    public var requestID: String?
    public var correlationID: String?
    public var retryable = false
    public var retryAfterSeconds: Double?
    public var attempts = 1
    public var operation: String?
    public var delivery: String?
    public var errorReportURL: String?
    /// The resource as last seen, for failures of a wait: set as the field `submission` or
    /// `shipping_label` of the error table.
    public var resource: (field: String, json: JSONValue)?

    public init(kind: ErrorKind, code: String? = nil, message: String, advice: String = "") {
        self.kind = kind
        self.code = code ?? kind.rawValue
        self.message = message
        self.advice = advice
    }

    /// The script's view of a DevCenter failure: its advice, and how to take the next step in Lua.
    public init(_ error: DevCenterError) {
        self.init(
            kind: ErrorKind(error.kind), code: error.code, message: error.message,
            advice: DevCenterError.advice(error.advice, adding: error.nextStep?.luaAdvice))
        status = error.status
        validationErrors = error.validationErrors
        details = error.details
        requestID = error.requestID
        correlationID = error.correlationID
        retryable = error.retryable
        retryAfterSeconds = error.retryAfter?.seconds
        attempts = error.attempts
        operation = error.operation
        delivery = error.delivery.rawValue
        errorReportURL = error.errorReportURL
    }

    /// Any error of Swift work, as the script sees it.
    public init(describing error: any Error) {
        switch error {
        case let error as HDCError: self = error
        case let error as DevCenterError: self.init(error)
        case is CancellationError:
            self = .cancelled("the operation was cancelled")
        default:
            self.init(
                kind: .io, message: Redactor.standard.redact(String(describing: error)),
                advice: "Check the file or the connection named above and try again.")
        }
    }

    /// Ctrl-C.
    public static func interrupted() -> HDCError {
        HDCError(
            kind: .interrupted, message: "interrupted (Ctrl-C)",
            advice: "Work in flight was cancelled. Run the script again to go on; steps the service already took (a created product, a commit) stay done.")
    }

    /// A task cancelled by `task:cancel()` (or by `hdc.parallel` with `fail_fast`).
    public static func cancelled(_ what: String) -> HDCError {
        HDCError(kind: .cancelled, message: what, advice: "It was cancelled on purpose; nothing to do unless that was unexpected.")
    }

    /// A misuse the scheduler detects (a yield at the top of a task, a deadlock).
    public static func script(_ message: String, advice: String = "") -> HDCError {
        HDCError(kind: .script, message: message, advice: advice)
    }

    /// A local file or system failure.
    public static func io(_ message: String, advice: String) -> HDCError {
        HDCError(kind: .io, message: message, advice: advice)
    }

    /// What happened, what to do, the refused fields, further details, then the IDs support
    /// asks for; with every token, secret and SAS signature redacted.
    public var description: String {
        DevCenterError.paragraph(
            message: message, advice: advice,
            validationErrors: validationErrors.map { ($0.target, $0.message) }, details: details,
            errorReportURL: errorReportURL, requestID: requestID, correlationID: correlationID, attempts: attempts)
    }

    public func pushErrorValue(on stack: LuaStack) {
        stack.ensureCapacity(6)
        stack.newTable(fieldCapacity: 16)
        func set(_ key: String, _ value: String?) {
            guard let value else { return }
            stack.push(value)
            stack.rawSet(at: -2, key)
        }
        set("kind", kind.rawValue)
        set("code", code)
        set("message", message)
        set("advice", advice)
        if let status {
            stack.push(Int64(status))
            stack.rawSet(at: -2, "status")
        }
        stack.newTable(arrayCapacity: validationErrors.count)
        for (i, v) in validationErrors.enumerated() {
            stack.newTable(fieldCapacity: 2)
            set("target", v.target)
            set("message", v.message)
            stack.rawSet(at: -2, index: Int64(i + 1))
        }
        stack.rawSet(at: -2, "validation_errors")
        stack.newTable(arrayCapacity: details.count)
        for (i, line) in details.enumerated() {
            stack.push(line)
            stack.rawSet(at: -2, index: Int64(i + 1))
        }
        stack.rawSet(at: -2, "details")
        set("request_id", requestID)
        set("correlation_id", correlationID)
        stack.push(retryable)
        stack.rawSet(at: -2, "retryable")
        if let retryAfterSeconds {
            stack.push(retryAfterSeconds)
            stack.rawSet(at: -2, "retry_after")
        }
        stack.push(Int64(attempts))
        stack.rawSet(at: -2, "attempts")
        set("operation", operation)
        set("delivery", delivery)
        set("error_report_url", errorReportURL)
        if let resource {
            stack.push(json: resource.json)
            stack.rawSet(at: -2, resource.field)
        }
        ErrorMetatable.push(on: stack)
        stack.setMetatable(at: -2)
    }
}
