import DevCenter
import LuaKit

/// Reads the fields of a table argument (an options table, a submission table), reporting a
/// wrong field as Lua's bad argument: `bad argument #3 to 'wait' (field 'timeout': number
/// expected, got string)`.
struct OptionsTable {
    let stack: LuaStack
    /// The table's stack index, which is also the argument number errors report.
    let index: Int32

    private func problem(_ key: String, _ text: String) -> LuaArgumentError {
        LuaArgumentError(argument: index, message: "field '\(key)': \(text)")
    }

    private func expected(_ key: String, _ type: String) -> LuaArgumentError {
        problem(key, "\(type) expected, got \(stack.typeName(at: -1))")
    }

    /// Pushes the field, runs `read` with it on top, pops it.
    private func with<T>(_ key: String, _ read: () throws(LuaArgumentError) -> T?) throws(LuaArgumentError) -> T? {
        stack.rawGet(at: index, key)
        defer { stack.pop() }
        if stack.isNil(at: -1) { return nil }
        return try read()
    }

    func isPresent(_ key: String) -> Bool {
        stack.rawGet(at: index, key)
        defer { stack.pop() }
        return !stack.isNil(at: -1)
    }

    func number(_ key: String) throws(LuaArgumentError) -> Double? {
        try with(key) { () throws(LuaArgumentError) -> Double? in
            guard let value = stack.number(at: -1) else { throw expected(key, "number") }
            return value
        }
    }

    /// A number of seconds, at least zero.
    func seconds(_ key: String) throws(LuaArgumentError) -> Duration? {
        let text = try with(key) { () throws(LuaArgumentError) -> String? in
            stack.type(at: -1) == .string ? stack.string(at: -1) : nil
        }
        if let text {
            guard let duration = DurationText.parse(text) else { throw problem(key, "\(DurationText.forms) expected, got '\(text)'") }
            return duration
        }
        guard let value = try number(key) else { return nil }
        guard value.isFinite, value >= 0 else { throw problem(key, "a number of seconds (0 or more) expected") }
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    func integer(_ key: String) throws(LuaArgumentError) -> Int64? {
        try with(key) { () throws(LuaArgumentError) -> Int64? in
            guard stack.type(at: -1) == .number else { throw expected(key, "number") }
            guard let value = stack.integer(at: -1) else { throw problem(key, "number has no integer representation") }
            return value
        }
    }

    func boolean(_ key: String) throws(LuaArgumentError) -> Bool? {
        try with(key) { () throws(LuaArgumentError) -> Bool? in
            guard stack.type(at: -1) == .boolean else { throw expected(key, "boolean") }
            return stack.bool(at: -1)
        }
    }

    func string(_ key: String) throws(LuaArgumentError) -> String? {
        try with(key) { () throws(LuaArgumentError) -> String? in
            guard stack.type(at: -1) == .string else { throw expected(key, "string") }
            return stack.string(at: -1)
        }
    }

    /// An array of strings (`details = {"…", "…"}`).
    func strings(_ key: String) throws(LuaArgumentError) -> [String]? {
        try with(key) { () throws(LuaArgumentError) -> [String]? in
            guard stack.type(at: -1) == .table else { throw expected(key, "table") }
            var lines: [String] = []
            let count = stack.rawLength(at: -1)
            for i in 0..<count {
                defer { stack.pop() }
                guard stack.rawGet(at: -1, index: Int64(i + 1)) == .string, let line = stack.string(at: -1) else {
                    throw problem(key, "string expected at [\(i + 1)], got \(stack.typeName(at: -1))")
                }
                lines.append(line)
            }
            return lines
        }
    }

    /// Checks that the field, if present, is a function.
    func function(_ key: String) throws(LuaArgumentError) -> Bool {
        try with(key) { () throws(LuaArgumentError) -> Bool? in
            guard stack.type(at: -1) == .function else { throw expected(key, "function") }
            return true
        } ?? false
    }

    /// An ID field that must be there: an integer or a string of digits.
    func requiredID(_ key: String) throws(LuaArgumentError) -> Int64 {
        stack.rawGet(at: index, key)
        defer { stack.pop() }
        switch stack.type(at: -1) {
        case .number:
            if let value = stack.integer(at: -1) { return value }
            throw problem(key, "number has no integer representation")
        case .string:
            if let text = stack.string(at: -1), let value = Int64(text) { return value }
            throw problem(key, "an integer ID expected, got a string that is not one")
        default:
            throw expected(key, "number")
        }
    }

    /// Refuses fields other than `known`, naming the first one (options tables only: a typo
    /// such as `timout` would otherwise be silently ignored).
    func refuseUnknown(_ known: Set<String>) throws(LuaArgumentError) {
        var unknown: String?
        stack.forEachPair(at: index) {
            if unknown == nil, let key = stack.string(at: -2), stack.type(at: -2) == .string, !known.contains(key) {
                unknown = key
            } else if unknown == nil, stack.type(at: -2) != .string {
                unknown = stack.describe(at: -2)
            }
        }
        if let unknown {
            throw problem(unknown, "unknown option (expected one of: \(known.sorted().joined(separator: ", ")))")
        }
    }
}
