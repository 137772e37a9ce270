import CLua
#if canImport(Glibc)
import Glibc
#endif

/// Stops the script a ``LuaState`` is running, from another thread or a signal handler.
///
/// This is `lua.c`'s approach: the request only sets a flag and installs a hook with
/// `lua_sethook` (the one Lua call documented as safe there); the hook then raises the
/// interrupt error on the script's own thread at its next instruction. The interrupt
/// reaches the thread LuaKit last entered (a protected call or a resume) and the main
/// thread; a coroutine a script resumed itself is interrupted once it yields or returns.
///
/// Valid while the state is open.
public struct LuaInterruptHandle: @unchecked Sendable {
    let host: UnsafeMutablePointer<hws_host>

    /// Asks the running script to stop with the state's interrupt error.
    public func request() {
        hws_request_interrupt(host)
    }

    /// Arms `signal` (SIGINT by default) so that it interrupts the script, like `lua`: the
    /// first signal interrupts, and the handler then reverts to the default action, so a
    /// second signal ends the process. Call ``disarmSignal(_:)`` when the call is over.
    public func armSignal(_ number: Int32 = SIGINT) {
        LuaInterruptSignal.target = host
        _ = signal(number, LuaInterruptSignal.handler)
        // A parent that blocked the signal (some test runners do) must not make Ctrl-C dead.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Restores the default action of `signal`.
    public func disarmSignal(_ number: Int32 = SIGINT) {
        _ = signal(number, SIG_DFL)
    }
}

/// The one place a signal handler can find the state to interrupt.
enum LuaInterruptSignal {
    nonisolated(unsafe) static var target: UnsafeMutablePointer<hws_host>?

    static let handler: @convention(c) (Int32) -> Void = { number in
        _ = signal(number, SIG_DFL)
        if let target = LuaInterruptSignal.target { hws_request_interrupt(target) }
    }
}
