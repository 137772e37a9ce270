#if canImport(Glibc)
import Glibc
#endif
import DevCenter

/// How Swift work running on other threads hands its outcome to the Lua thread: a locked
/// list of finished operations and a POSIX semaphore the Lua thread sleeps on.
///
/// The semaphore is what makes Ctrl-C prompt: `sem_post` is async-signal-safe, so the
/// SIGINT handler wakes a scheduler that waits for the network (``wake()``).
final class CompletionQueue: Sendable {
    /// One finished piece of Swift work: the operation it belongs to and its outcome.
    struct Completion: Sendable {
        let operationID: Int
        let result: Result<any Sendable, any Error>
    }

    private let finished = LockedValue<[Completion]>([])
    private nonisolated(unsafe) let semaphore: UnsafeMutablePointer<sem_t>

    init() {
        semaphore = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
        sem_init(semaphore, 0, 0)
    }

    deinit {
        sem_destroy(semaphore)
        semaphore.deallocate()
    }

    /// Records a completion and wakes the Lua thread (any thread).
    func post(_ completion: Completion) {
        finished.withLock { $0.append(completion) }
        sem_post(semaphore)
    }

    /// Wakes the Lua thread without a completion; safe in a signal handler.
    func wake() {
        sem_post(semaphore)
    }

    /// Takes every completion posted so far (Lua thread).
    func drain() -> [Completion] {
        finished.withLock { list in
            defer { list.removeAll(keepingCapacity: true) }
            return list
        }
    }

    /// Sleeps until something is posted or ``wake()`` is called (Lua thread). A wake-up may
    /// be spurious: callers check their condition again.
    func waitForWakeUp() {
        _ = sem_wait(semaphore)
    }

    /// The semaphore, for the signal handler.
    var wakeUpSemaphore: UnsafeMutablePointer<sem_t> { semaphore }
}
