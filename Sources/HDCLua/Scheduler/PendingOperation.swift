/// Something a coroutine waits for: a piece of Swift async work (a service call, a sleep), or
/// the end of another task (`task:wait()`).
///
/// Lives on the Lua thread: the Swift work reports through the ``CompletionQueue`` and the
/// scheduler records the outcome here.
final class PendingOperation {
    enum Kind {
        /// Swift async work; waiting for it needs only the network (or the clock).
        case swiftWork
        /// The end of a task; waiting for it needs the other tasks to run.
        case join
    }

    let id: Int
    let kind: Kind
    /// The task suspended on it (it yielded to the scheduler), if any.
    var waiter: ScriptTask?
    /// The Swift task doing the work, cancelled on Ctrl-C or when its Lua task is cancelled.
    var work: Task<Void, Never>?
    /// Set once, when it completes (or is failed by an interrupt or a cancel).
    private(set) var outcome: Result<any Sendable, any Error>?

    init(id: Int, kind: Kind) {
        self.id = id
        self.kind = kind
    }

    var isComplete: Bool { outcome != nil }

    /// Records the outcome unless one is there already; true when this one counts.
    @discardableResult
    func complete(with result: Result<any Sendable, any Error>) -> Bool {
        guard outcome == nil else { return false }
        outcome = result
        return true
    }

    /// Replaces whatever outcome arrived (not yet delivered) with `error`, and stops the work.
    func fail(with error: any Error) {
        work?.cancel()
        outcome = .failure(error)
    }
}
