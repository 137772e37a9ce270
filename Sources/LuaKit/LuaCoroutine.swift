import CLua

/// A Lua thread driven from Swift: the base of the scheduler that runs scripts as
/// coroutines over Swift concurrency.
///
/// Push the body function (and later the resume arguments) on ``stack``, then call
/// ``resume(arguments:)``. A bound function yields with ``LuaReturn/yield(_:then:)``; the
/// yielded values are then on top of ``stack`` and the next `resume` passes its arguments
/// to the continuation.
///
/// The coroutine is anchored in the registry while this object lives (or until
/// ``release()``), so Lua does not collect it.
public final class LuaCoroutine {
    /// The coroutine's own stack.
    public let stack: LuaStack
    private let owner: LuaState
    private var anchor: LuaRef?
    private var ended = false

    /// How a resume ended.
    public enum Outcome {
        /// The coroutine yielded these many values (on top of ``stack``).
        case yielded(Int32)
        /// The body returned these many values (on top of ``stack``).
        case finished(Int32)
    }

    /// Lua's view of the coroutine (`coroutine.status` from outside it).
    public enum Status: Equatable, Sendable {
        /// Not started yet, or yielded: ready to resume.
        case suspended
        /// Finished, or failed with an error.
        case dead
        /// Resuming another coroutine, or running.
        case running
    }

    /// Creates a coroutine on `state`; push its body function on ``stack`` next.
    public init(state: LuaState) {
        owner = state
        let L = state.stack.pointer
        let co = lua_newthread(L)!
        stack = LuaStack(co)
        anchor = state.stack.ref()
    }

    /// Wraps the coroutine at `index` of `stack` (for example one a script made).
    public init?(at index: Int32, of stack: LuaStack) {
        guard let thread = stack.thread(at: index) else { return nil }
        owner = stack.state
        self.stack = thread
        stack.pushValue(at: index)
        anchor = stack.ref()
    }

    deinit { release() }

    /// Lets Lua collect the coroutine once nothing else refers to it.
    public func release() {
        if let anchor, !owner.isClosed { owner.stack.release(anchor) }
        anchor = nil
    }

    /// Resumes the coroutine with the top `arguments` values of its stack (on the first
    /// resume, the function below them is the body).
    ///
    /// Throws the error that ended the coroutine, with a traceback of where it was raised
    /// (the coroutine is dead then; ``reset()`` makes it reusable).
    public func resume(arguments: Int32 = 0, from: LuaStack? = nil) throws(LuaError) -> Outcome {
        var results: Int32 = 0
        let status = owner.sandboxMonitorIfAny?.withMemoryCeiling(of: stack) { hws_resume(stack.pointer, from?.pointer, arguments, &results) }
            ?? hws_resume(stack.pointer, from?.pointer, arguments, &results)
        switch status {
        case LUA_OK:
            ended = true
            return .finished(results)
        case LUA_YIELD: return .yielded(results)
        default:
            ended = true
            let traceback: String?
            if status == LUA_ERRRUN {
                // The dead coroutine's frames are still there to walk; the traceback is built
                // on its own stack, above the error object, so no other thread is touched.
                stack.ensureCapacity(2)
                luaL_traceback(stack.pointer, stack.pointer, nil, 0)
                traceback = stack.string(at: -1)
                stack.pop()
            } else {
                traceback = nil
            }
            let error = stack.popError(status: status, hasTraceback: false)
            throw LuaError(kind: error.kind, message: error.message, traceback: traceback, value: error.value)
        }
    }

    /// The coroutine's status.
    public var status: Status {
        if ended { return .dead }
        switch lua_status(stack.pointer) {
        case LUA_YIELD: return .suspended
        case LUA_OK:
            var ar = lua_Debug()
            if lua_getstack(stack.pointer, 0, &ar) != 0 { return .running }
            return lua_gettop(stack.pointer) == 0 ? .dead : .suspended
        default: return .dead
        }
    }

    /// True when a bound function running in this coroutine may yield.
    public var isYieldable: Bool { lua_isyieldable(stack.pointer) != 0 }

    /// Closes the coroutine's pending to-be-closed variables and empties it
    /// (`lua_resetthread`), so it can run a new body. Returns the error that ended the
    /// coroutine or that a `__close` handler raised, if any.
    @discardableResult
    public func reset() -> LuaError? {
        let status = lua_resetthread(stack.pointer)
        ended = false
        let error = status == LUA_OK ? nil : stack.popError(status: status, hasTraceback: false)
        stack.top = 0
        return error
    }
}
