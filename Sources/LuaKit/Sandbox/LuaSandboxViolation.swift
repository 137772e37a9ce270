/// Why a sandbox stopped something: a permission it was not granted, or a limit the code ran
/// into. Thrown by the sandbox's checks and raised in Lua as the value the state's
/// ``LuaSandboxMonitor/errorValue`` makes (a plain string unless the host chose otherwise).
public struct LuaSandboxViolation: Error, LuaErrorValue, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case permission(LuaSandboxPermission)
        case limit(LuaSandboxLimit)
    }

    public let reason: Reason
    /// What happened, with the `sandbox: ` prefix: `sandbox: reading '/etc/passwd' is not allowed`.
    public let message: String
    /// What to do next, as a sentence: `Grant it with --allow-read DIR.` (empty when nothing
    /// can grant it).
    public let advice: String

    public init(_ reason: Reason, message: String, advice: String = "") {
        self.reason = reason
        self.message = "sandbox: " + message
        self.advice = advice
    }

    /// `permissionDenied`, or the limit's code (`memoryLimit`, `instructionLimit`, `timeLimit`).
    public var code: String {
        switch reason {
        case .permission: "permissionDenied"
        case .limit(let limit): limit.code
        }
    }

    /// The message and the advice on one line, as a plain string error shows them.
    public var description: String {
        guard !advice.isEmpty else { return message }
        return message + "; " + advice.prefix(1).lowercased() + advice.dropFirst().dropLast()
    }

    public func pushErrorValue(on stack: LuaStack) {
        if let make = stack.state.sandboxMonitorIfAny?.errorValue {
            let top = stack.top
            make(stack, self)
            if stack.top == top + 1 { return }
            stack.top = top
        }
        stack.push(description)
    }

    // MARK: The refusals, in one wording

    static func denied(_ permission: LuaSandboxPermission, _ what: String, policy: LuaSandboxPolicy) -> LuaSandboxViolation {
        LuaSandboxViolation(.permission(permission), message: "\(what) is not allowed", advice: "Grant it with \(policy.grantHint(permission)).")
    }

    /// A refusal of something no grant allows (`os.execute`, loading bytecode).
    public static func forbidden(_ what: String) -> LuaSandboxViolation {
        LuaSandboxViolation(.permission(.capability("none")), message: "\(what) is not allowed in the sandbox")
    }

    static func exceeded(_ limit: LuaSandboxLimit, policy: LuaSandboxPolicy) -> LuaSandboxViolation {
        let amount: String
        switch limit {
        case .memory: amount = "memory limit of \(LuaSandboxViolation.bytes(policy.memoryLimit ?? 0))"
        case .instructions: amount = "instruction limit of \(policy.instructionLimit ?? 0) instructions"
        case .time: amount = "time limit of \(LuaSandboxViolation.seconds(policy.timeLimit ?? 0))"
        }
        return LuaSandboxViolation(
            .limit(limit), message: "\(amount) exceeded",
            advice: "The sandboxed code was stopped; raise the limit with \(policy.limitHint(limit)) if it needs more.")
    }

    /// `256 MiB`, `1.5 GiB`, `4096 bytes`.
    public static func bytes(_ count: Int) -> String {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, name) in units where count >= size {
            let value = Double(count) / Double(size)
            return value == value.rounded() ? "\(Int(value)) \(name)" : "\((value * 10).rounded() / 10) \(name)"
        }
        return "\(count) bytes"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
