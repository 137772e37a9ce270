import LuaKit

/// One coroutine the scheduler runs: the main chunk of a call, or a function given to
/// `hdc.spawn` (or a worker of `hdc.parallel`).
public final class ScriptTask {
    /// Where a task stands.
    public enum Status: String, Sendable {
        /// Created, or able to go on: waiting for its turn.
        case ready
        /// Running Lua code now.
        case running
        /// Suspended until an operation completes.
        case waiting
        /// Returned; its results are kept for `wait`.
        case finished
        /// Ended with an error, kept for `wait`.
        case failed
    }

    let coroutine: LuaCoroutine
    private let state: LuaState
    let id: Int
    /// True for the main chunk of a ``CoroutineScheduler/call(on:arguments:results:)``.
    public let isMain: Bool
    /// Where the task was created (`script.lua:12`), for reports of its failure.
    public let origin: String

    public internal(set) var status: Status = .ready
    /// Values to pass to the first resume (the function's arguments, on the coroutine's stack).
    var initialArguments: Int32
    var hasStarted = false
    /// The operation the task waits on (or waited on and has not had delivered yet).
    var pendingOperation: PendingOperation?
    /// Operations (joins) that complete when this task ends.
    var joins: [PendingOperation] = []
    /// The number of results on the coroutine's stack, once finished.
    var resultCount: Int32 = 0
    /// The error the task ended with.
    public internal(set) var error: LuaError?
    /// Whether someone took the error (`wait`, or the run for its main task).
    var errorObserved = false
    /// The sandbox of the code that spawned the task: code outside it that waits for the task
    /// gets its outcome through that sandbox's boundary.
    var sandbox: LuaSandboxContext?
    /// That boundary's `deliver` (`LuaSandboxMonitor.pushDelivery`), kept while the task lives.
    var delivery: LuaRef?

    init(coroutine: LuaCoroutine, state: LuaState, id: Int, isMain: Bool, origin: String, arguments: Int32) {
        self.coroutine = coroutine
        self.state = state
        self.id = id
        self.isMain = isMain
        self.origin = origin
        self.initialArguments = arguments
    }

    deinit {
        if let value = error?.value, !state.isClosed { state.stack.release(value) }
        if let delivery, !state.isClosed { state.stack.release(delivery) }
    }

    /// True once the task has finished or failed.
    public var isDone: Bool { status == .finished || status == .failed }

    /// The thread's identity, as bound functions see it (`call.stack.pointer`).
    var thread: OpaquePointer { coroutine.stack.pointer }
}
