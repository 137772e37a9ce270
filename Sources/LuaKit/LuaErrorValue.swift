/// An error a bound Swift function throws that knows which Lua value to raise.
///
/// The dispatcher raises whatever ``pushErrorValue(on:)`` pushes, as it is (no position
/// prefix): a table with a metatable, for example, so that `pcall` callers can branch on
/// `err.code`. Other errors a Swift closure throws are raised as their description,
/// prefixed with the caller's `file:line:` like `luaL_error` does.
public protocol LuaErrorValue: Error {
    /// Pushes exactly one value, the error object.
    func pushErrorValue(on stack: LuaStack)
}
