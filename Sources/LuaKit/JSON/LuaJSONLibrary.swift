import CLua

/// The JSON bridge's entry points, for Swift and (as the `json` library) for scripts.
extension LuaStack {
    /// Decodes JSON text and pushes the value it holds.
    ///
    /// Integers that fit 64 bits arrive as Lua integers, exactly; `null` arrives as
    /// ``pushJSONNull()``'s sentinel; empty arrays and objects carry marker metatables so
    /// they encode back as they came. On failure nothing is pushed and the error gives the
    /// line and column.
    public func pushJSON(_ text: UnsafeRawBufferPointer) throws(LuaJSONError) {
        var decoder = LuaJSONDecoder(stack: self, context: state.jsonContext, text: text)
        try decoder.decode()
    }

    public func pushJSON(_ text: [UInt8]) throws(LuaJSONError) {
        try typedThrows(as: LuaJSONError.self) { try text.withUnsafeBytes { try pushJSON($0) } }
    }

    public func pushJSON(_ text: String) throws(LuaJSONError) {
        var text = text
        try typedThrows(as: LuaJSONError.self) { try text.withUTF8 { try pushJSON(UnsafeRawBufferPointer($0)) } }
    }

    /// Encodes the value at `index` as JSON text and passes the bytes to `body` (valid
    /// during the call only), without copying them.
    public func withJSON<R>(at index: Int32, options: LuaJSONEncodeOptions = .init(), _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        var encoder = LuaJSONEncoder(stack: self, context: state.jsonContext, options: options)
        try encoder.encode(at: index)
        return try body(encoder.output.bytes)
    }

    /// Encodes the value at `index` as JSON text.
    public func encodeJSON(at index: Int32, options: LuaJSONEncodeOptions = .init()) throws(LuaJSONError) -> [UInt8] {
        var encoder = LuaJSONEncoder(stack: self, context: state.jsonContext, options: options)
        try encoder.encode(at: index)
        return [UInt8](encoder.output.bytes)
    }

    /// Pushes the `null` sentinel: a unique userdata whose `tostring` is "null".
    public func pushJSONNull() {
        push(state.jsonContext.null)
    }

    /// True when the value at `index` is the `null` sentinel.
    public func isJSONNull(at index: Int32) -> Bool {
        pushJSONNull()
        defer { pop() }
        return lua_rawequal(pointer, index, -1) != 0
    }

    /// Gives the table at `index` the array marker, so it encodes as a JSON array even
    /// when empty.
    public func markAsJSONArray(at index: Int32) {
        let table = absolute(index)
        push(state.jsonContext.arrayMarker)
        setMetatable(at: table)
    }

    /// Gives the table at `index` the object marker, so it encodes as a JSON object even
    /// when empty or shaped like a sequence.
    public func markAsJSONObject(at index: Int32) {
        let table = absolute(index)
        push(state.jsonContext.objectMarker)
        setMetatable(at: table)
    }

    /// Pushes the `json` library table (see ``LuaJSONLibrary``).
    public func pushJSONLibrary() {
        LuaJSONLibrary.push(on: self)
    }
}

/// The `json` library scripts see (`local json = require "json"`):
///
/// - `json.decode(text)`: the value the JSON text holds; raises on invalid JSON, with line
///   and column.
/// - `json.encode(value [, options])`: JSON text; `options.indent` (a number of spaces, or
///   `true` for 2) and `options.sort_keys`. Raises on values JSON cannot hold, naming the
///   path (`cannot encode NaN at .products[3].price`).
/// - `json.null`: the sentinel `null` decodes to and encodes from.
/// - `json.array([t])`, `json.object([t])`: mark a table (a new one when absent) so it
///   encodes as an array or an object, and return it.
public enum LuaJSONLibrary {
    /// The registration table, sorted by name.
    public static var functions: [LuaFunctionEntry] {
        [
        LuaFunctionEntry("array", array),
        LuaFunctionEntry("decode", decode),
        LuaFunctionEntry("encode", encode),
        LuaFunctionEntry("object", object),
        ]
    }

    /// Pushes a new library table (functions and `null`).
    public static func push(on stack: LuaStack) {
        stack.push(library: functions)
        stack.pushJSONNull()
        stack.rawSet(at: -2, "null")
    }

    static func decode(_ call: LuaCall) throws -> LuaReturn {
        try call.withBytes(1) { text in try call.stack.pushJSON(text) }
        return .values(1)
    }

    static func encode(_ call: LuaCall) throws -> LuaReturn {
        try call.any(1)
        var options = LuaJSONEncodeOptions()
        if !call.isAbsent(2) {
            try call.table(2)
            let stack = call.stack
            switch stack.rawGet(at: 2, "indent") {
            case .boolean: options.indent = stack.bool(at: -1) ? 2 : 0
            case .number: options.indent = Int(max(0, min(16, stack.integer(at: -1) ?? 2)))
            case .nil: break
            default: throw LuaArgumentError(argument: 2, message: "'indent' must be a number or a boolean")
            }
            options.sortKeys = stack.rawGet(at: 2, "sort_keys") != .nil && stack.bool(at: -1)
            stack.pop(2)
        }
        try call.stack.withJSON(at: 1, options: options) { bytes in call.stack.push(bytes: bytes) }
        return .values(1)
    }

    static func array(_ call: LuaCall) throws -> LuaReturn {
        try mark(call) { $0.markAsJSONArray(at: 1) }
    }

    static func object(_ call: LuaCall) throws -> LuaReturn {
        try mark(call) { $0.markAsJSONObject(at: 1) }
    }

    private static func mark(_ call: LuaCall, _ apply: (LuaStack) -> Void) throws -> LuaReturn {
        if call.isAbsent(1) {
            call.stack.top = 0
            call.stack.newTable()
        } else {
            try call.table(1)
            call.stack.top = 1
        }
        apply(call.stack)
        return .values(1)
    }
}
