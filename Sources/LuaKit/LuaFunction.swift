/// A Swift function callable from Lua. It reads its arguments through the ``LuaCall``,
/// pushes its results and says what to do next with a ``LuaReturn``.
///
/// It must not raise Lua errors (nothing in LuaKit can): to fail, throw. A
/// ``LuaArgumentError`` (what the argument readers throw) becomes Lua's `bad argument #n to
/// 'f' (...)`; a ``LuaErrorValue`` raises the value it pushes; a ``LuaError`` from a nested
/// protected call is raised again with its original error object; any other error is raised
/// as its description, prefixed with the caller's `file:line:`. `pcall` catches all of them.
///
/// The function may push up to 20 values without checking (`LUA_MINSTACK`); beyond that,
/// call ``LuaStack/ensureCapacity(_:)``.
public typealias LuaFunction = (LuaCall) throws -> LuaReturn

/// What a bound function does after a yield: called when the coroutine is resumed, with
/// the values passed to `resume` described by the ``LuaResumption``.
public typealias LuaContinuation = (LuaCall, LuaResumption) throws -> LuaReturn

/// How a bound Swift function ends.
public enum LuaReturn {
    /// Return the top `count` values.
    case values(Int32)
    /// Raise the value on top of the stack as the error object, as it is.
    case raise
    /// Yield the top `count` values to whoever resumed the coroutine, and run the
    /// continuation when it is resumed. Only when ``LuaStack/isYieldable``; otherwise
    /// Lua raises "attempt to yield from outside a coroutine".
    case yield(Int32, then: LuaContinuation)
    /// Call the function pushed below the top `arguments` values (in unprotected mode, as
    /// `lua_callk`), then run the continuation with its results (all of them when `results` is
    /// `LuaStack.allResults`), described by the ``LuaResumption``. The called function may
    /// yield when the caller could: a scheduler's host yields pass through it. An error it
    /// raises propagates to the caller of the bound function.
    case call(arguments: Int32, results: Int32, then: LuaContinuation)

    /// Return nothing.
    public static var none: LuaReturn { .values(0) }
}

/// Where the values a coroutine was resumed with (or a ``LuaReturn/call(arguments:results:then:)``
/// returned) sit on the stack of a continuation.
public struct LuaResumption: Sendable {
    /// Stack index of the first value passed to `resume` (or returned by the call).
    public let firstIndex: Int32
    /// How many values there are.
    public let count: Int32
}

/// One entry of a library's registration table, like `luaL_Reg`.
public struct LuaFunctionEntry {
    public let name: String
    public let function: LuaFunction

    public init(_ name: String, _ function: @escaping LuaFunction) {
        self.name = name
        self.function = function
    }
}
