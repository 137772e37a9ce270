/// What an instruction hook wants Lua to do next.
public enum LuaHookAction {
    /// Carry on.
    case proceed
    /// Raise the value the hook pushed (exactly one) as an error at the current instruction.
    case raise
    /// Yield the running coroutine with no values (only inside a coroutine).
    case yield
}
