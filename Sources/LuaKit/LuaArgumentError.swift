/// A bad argument to a bound Swift function, reported the way `luaL_argerror` does.
///
/// Thrown by the argument readers of ``LuaCall`` (`try call.integer(1)`); the dispatcher
/// turns it into Lua's own `bad argument #1 to 'name' (number expected, got string)`, raised
/// from C with the caller's position once the Swift frame is gone.
public struct LuaArgumentError: Error, Sendable, Equatable {
    /// The 1-based argument number.
    public let argument: Int32
    /// The text in parentheses: `number expected, got string`.
    public let message: String

    @inlinable
    public init(argument: Int32, message: String) {
        self.argument = argument
        self.message = message
    }
}
