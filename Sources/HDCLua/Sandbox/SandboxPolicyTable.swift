import LuaKit

/// Reads a sandbox policy from the table scripts give `sandbox.run` and `sandbox.require`:
///
/// ```lua
/// { read = {"build/"}, write = {"out/"}, env = {"BUILD_ID"}, submit = false, profile = {"fabrikam"},
///   max_memory = "64M", max_instructions = 1e8, timeout = 30 }
/// ```
///
/// Every field is optional; what is not granted is refused. A misspelt field is an error.
struct SandboxPolicyTable {
    static let fields: Set<String> = ["read", "write", "env", "submit", "profile", "max_memory", "max_instructions", "timeout"]

    let stack: LuaStack
    /// The table's stack index, also the argument number errors report.
    let index: Int32

    func policy() throws(LuaArgumentError) -> LuaSandboxPolicy {
        var policy = LuaSandboxPolicy(origin: .script)
        policy.instructionLimit = LuaSandboxPolicy.defaultInstructionLimit
        guard !stack.isNil(at: index) else { return policy }
        guard stack.type(at: index) == .table else {
            throw LuaArgumentError(argument: index, message: "table expected, got \(stack.typeName(at: index))")
        }
        let options = OptionsTable(stack: stack, index: index)
        try options.refuseUnknown(SandboxPolicyTable.fields)
        policy.readRoots = try strings("read")
        policy.writeRoots = try strings("write")
        let variables = try strings("env")
        if let refusal = variables.lazy.compactMap(SecretVariables.refusal).first { throw problem("env", refusal) }
        policy.environmentVariables = Set(variables)
        if try options.boolean("submit") == true { policy.capabilities.insert(SandboxGate.capability) }
        policy.profiles = Set(try strings("profile"))
        if options.isPresent("max_memory") { policy.memoryLimit = try size("max_memory") }
        if let instructions = try options.number("max_instructions") {
            guard instructions >= 1, instructions < 9e18 else { throw problem("max_instructions", "a positive number expected") }
            policy.instructionLimit = Int64(instructions)
        }
        if let seconds = try options.number("timeout") {
            guard seconds > 0, seconds.isFinite else { throw problem("timeout", "a positive number of seconds expected") }
            policy.timeLimit = seconds
        }
        return policy
    }

    private func problem(_ key: String, _ text: String) -> LuaArgumentError {
        LuaArgumentError(argument: index, message: "field '\(key)': \(text)")
    }

    /// A list of strings (a single string counts as a list of one).
    private func strings(_ key: String) throws(LuaArgumentError) -> [String] {
        stack.rawGet(at: index, key)
        defer { stack.pop() }
        switch stack.type(at: -1) {
        case .nil: return []
        case .string: return [stack.string(at: -1) ?? ""]
        case .table:
            var values: [String] = []
            let count = stack.rawLength(at: -1)
            for i in 0..<count {
                stack.rawGet(at: -1, index: Int64(i + 1))
                defer { stack.pop() }
                guard stack.type(at: -1) == .string, let value = stack.string(at: -1) else {
                    throw problem(key, "a list of strings expected, got \(stack.typeName(at: -1)) at [\(i + 1)]")
                }
                values.append(value)
            }
            return values
        default:
            throw problem(key, "a list of strings expected, got \(stack.typeName(at: -1))")
        }
    }

    /// Bytes: a number, or a string such as `"64M"`.
    private func size(_ key: String) throws(LuaArgumentError) -> Int {
        stack.rawGet(at: index, key)
        defer { stack.pop() }
        if stack.type(at: -1) == .number, let value = stack.number(at: -1), value >= 1, value < 9e18 { return Int(value) }
        if stack.type(at: -1) == .string, let text = stack.string(at: -1), let value = LuaSandboxPolicy.parseSize(text) { return value }
        throw problem(key, "a size expected (bytes, or a string such as \"64M\" or \"1G\"), got \(stack.describe(at: -1))")
    }
}
