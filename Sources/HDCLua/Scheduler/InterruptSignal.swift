#if canImport(Glibc)
import Glibc
#endif
import LuaKit
import Synchronization

/// Ctrl-C while a script runs under the scheduler.
///
/// The first SIGINT sets a flag, asks LuaKit to interrupt Lua code that is running (a loop
/// that never calls `hdc`), and wakes a scheduler asleep while Swift work is in flight; the
/// handler then reverts to the default action, so a second Ctrl-C ends the process, as in
/// `lua`. Everything the handler touches is async-signal-safe: a flag, `lua_sethook` (through
/// the interrupt handle) and `sem_post`.
enum InterruptSignal {
    /// Atomic (lock-free, so safe in the handler): schedulers of several states in one process
    /// (a Swift program embedding HDCLua, the tests) read and clear it from their own threads.
    private static let requested = Atomic<Int32>(0)
    nonisolated(unsafe) private static var semaphore: UnsafeMutablePointer<sem_t>?
    nonisolated(unsafe) private static var luaInterrupt: LuaInterruptHandle?

    private static let handler: @convention(c) (Int32) -> Void = { number in
        _ = signal(number, SIG_DFL)
        InterruptSignal.requested.store(1, ordering: .sequentiallyConsistent)
        InterruptSignal.luaInterrupt?.request()
        if let semaphore = InterruptSignal.semaphore { sem_post(semaphore) }
    }

    /// Installs the handler for the state and the scheduler's wake-up semaphore.
    static func arm(_ handle: LuaInterruptHandle, wakeUp: UnsafeMutablePointer<sem_t>) {
        luaInterrupt = handle
        semaphore = wakeUp
        requested.store(0, ordering: .sequentiallyConsistent)
        _ = signal(SIGINT, handler)
        // A parent that blocked the signal (some test runners do) must not make Ctrl-C dead.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Restores the default action.
    static func disarm() {
        _ = signal(SIGINT, SIG_DFL)
    }

    /// True once after each Ctrl-C.
    static func consume() -> Bool {
        requested.exchange(0, ordering: .sequentiallyConsistent) != 0
    }
}
