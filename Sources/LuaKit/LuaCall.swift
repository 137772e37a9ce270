import CLua

/// What a bound Swift function receives: the calling thread's stack, with argument readers
/// that check types and report misuse in Lua's own words.
///
/// The readers throw ``LuaArgumentError`` rather than raising; let it propagate and Lua
/// reports `bad argument #1 to 'create_submission' (number expected, got string)` with the
/// caller's `file:line:`.
public struct LuaCall {
    /// The stack of the thread that called (a coroutine when the script runs in one).
    public let stack: LuaStack

    @usableFromInline
    init(_ L: OpaquePointer) {
        stack = LuaStack(L)
    }

    /// The number of arguments, as at entry (arguments sit at indexes 1...argumentCount).
    public var argumentCount: Int32 { stack.top }

    /// The pseudo-index of the function's `n`th own upvalue (1-based), for reading with the
    /// stack's functions.
    public func upvalueIndex(_ n: Int32) -> Int32 { hws_upvalueindex(n + 1) }

    /// The ``LuaState`` that owns this thread.
    public var state: LuaState { stack.state }

    @usableFromInline
    var L: OpaquePointer { stack.pointer }

    // MARK: Checks, in lauxlib's words

    /// The error `luaL_typeerror` reports: `number expected, got string`.
    public func typeError(_ argument: Int32, expected: String) -> LuaArgumentError {
        LuaArgumentError(argument: argument, message: "\(expected) expected, got \(stack.typeName(at: argument))")
    }

    /// Requires an argument of any type, nil included (`luaL_checkany`).
    public func any(_ argument: Int32) throws(LuaArgumentError) {
        if lua_type(L, argument) == LUA_TNONE {
            throw LuaArgumentError(argument: argument, message: "value expected")
        }
    }

    /// Requires an argument of the given type (`luaL_checktype`).
    public func require(_ argument: Int32, _ type: LuaType) throws(LuaArgumentError) {
        if stack.type(at: argument) != type { throw typeError(argument, expected: type.name) }
    }

    /// True when the argument is absent or nil.
    public func isAbsent(_ argument: Int32) -> Bool { lua_type(L, argument) <= 0 }

    /// An integer argument (`luaL_checkinteger`): integers, floats with an exact integer
    /// value and numeric strings are accepted.
    @inlinable
    public func integer(_ argument: Int32) throws(LuaArgumentError) -> Int64 {
        var ok: Int32 = 0
        let value = lua_tointegerx(L, argument, &ok)
        if ok != 0 { return value }
        throw integerError(argument)
    }

    @usableFromInline
    func integerError(_ argument: Int32) -> LuaArgumentError {
        if lua_isnumber(L, argument) != 0 {
            return LuaArgumentError(argument: argument, message: "number has no integer representation")
        }
        return typeError(argument, expected: "number")
    }

    /// An optional integer argument (`luaL_optinteger`).
    public func integer(_ argument: Int32, default value: Int64) throws(LuaArgumentError) -> Int64 {
        isAbsent(argument) ? value : try integer(argument)
    }

    /// A number argument (`luaL_checknumber`).
    @inlinable
    public func number(_ argument: Int32) throws(LuaArgumentError) -> Double {
        var ok: Int32 = 0
        let value = lua_tonumberx(L, argument, &ok)
        if ok != 0 { return value }
        throw typeError(argument, expected: "number")
    }

    public func number(_ argument: Int32, default value: Double) throws(LuaArgumentError) -> Double {
        isAbsent(argument) ? value : try number(argument)
    }

    /// Calls `body` with the bytes of a string argument (`luaL_checklstring`: a number is
    /// accepted and converted in place, as Lua does).
    public func withBytes<R>(_ argument: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        var length = 0
        let t = lua_type(L, argument)
        guard t == LUA_TSTRING || t == LUA_TNUMBER, let data = lua_tolstring(L, argument, &length) else {
            throw typeError(argument, expected: "string")
        }
        return try body(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// A string argument's bytes.
    public func bytes(_ argument: Int32) throws(LuaArgumentError) -> [UInt8] {
        var length = 0
        let t = lua_type(L, argument)
        guard t == LUA_TSTRING || t == LUA_TNUMBER, let data = lua_tolstring(L, argument, &length) else {
            throw typeError(argument, expected: "string")
        }
        return [UInt8](UnsafeRawBufferPointer(start: data, count: length))
    }

    /// A string argument decoded as UTF-8 (invalid sequences become U+FFFD).
    public func string(_ argument: Int32) throws(LuaArgumentError) -> String {
        var length = 0
        let t = lua_type(L, argument)
        guard t == LUA_TSTRING || t == LUA_TNUMBER, let data = lua_tolstring(L, argument, &length) else {
            throw typeError(argument, expected: "string")
        }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    public func string(_ argument: Int32, default value: String) throws(LuaArgumentError) -> String {
        isAbsent(argument) ? value : try string(argument)
    }

    /// A boolean reading of any argument (Lua truthiness; never fails).
    public func boolean(_ argument: Int32) -> Bool { stack.bool(at: argument) }

    /// Requires a table argument.
    public func table(_ argument: Int32) throws(LuaArgumentError) {
        try require(argument, .table)
    }

    /// Requires a function argument.
    public func function(_ argument: Int32) throws(LuaArgumentError) {
        try require(argument, .function)
    }
}
