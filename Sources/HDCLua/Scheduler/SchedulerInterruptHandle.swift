import LuaKit
import Synchronization

/// Interrupts a ``CoroutineScheduler``'s running call as Ctrl-C does, from any thread: a host
/// with its own signal handling (the REPL), or a test.
public struct SchedulerInterruptHandle: Sendable {
    final class Flag: Sendable {
        let requested = Atomic<Bool>(false)
    }

    let flag: Flag
    let lua: LuaInterruptHandle
    let completions: CompletionQueue

    /// Fails what the call waits for with `interrupted`, and stops Lua code that is running.
    public func request() {
        flag.requested.store(true, ordering: .relaxed)
        lua.request()
        completions.wake()
    }

    /// True once after each request (the scheduler's loop).
    func consume() -> Bool {
        flag.requested.exchange(false, ordering: .relaxed)
    }
}
