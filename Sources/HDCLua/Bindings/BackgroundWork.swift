import DevCenter

/// Swift work that runs in a task of its own and reports updates along the way (a waiter's
/// changes, a transfer's progress), which a binding takes one at a time on the Lua thread,
/// calling the script's callback between them (where the script may call `hdc` too).
final class BackgroundWork<Update: Sendable, Value: Sendable>: Sendable {
    enum Event: Sendable {
        case update(Update)
        case done(Value)
        case failed(any Error)
    }

    private struct Queue {
        var events: [Event] = []
        var waiter: CheckedContinuation<Event, Never>?
        var ended = false
    }

    /// Keep only the latest unread update (progress figures), rather than every one (changes).
    private let coalescesUpdates: Bool
    private let queue = LockedValue(Queue())
    private let task = LockedValue<Task<Void, Never>?>(nil)

    init(coalescingUpdates: Bool) {
        coalescesUpdates = coalescingUpdates
    }

    deinit {
        cancel()
    }

    /// Starts `work`, which reports updates through the function it is given.
    func start(_ work: @escaping @Sendable (_ report: @escaping @Sendable (Update) -> Void) async throws -> Value) -> Task<Void, Never> {
        let started = Task { [self] in
            do {
                let value = try await work { update in self.post(.update(update)) }
                post(.done(value))
            } catch {
                post(.failed(error))
            }
        }
        task.withLock { $0 = started }
        return started
    }

    private func post(_ event: Event) {
        let coalesce = coalescesUpdates
        let waiter = queue.withLock { queue -> CheckedContinuation<Event, Never>? in
            if let waiter = queue.waiter {
                queue.waiter = nil
                return waiter
            }
            if coalesce, case .update = event, case .update? = queue.events.last {
                queue.events[queue.events.count - 1] = event
            } else {
                queue.events.append(event)
            }
            return nil
        }
        waiter?.resume(returning: event)
    }

    /// The next event; cancelling the caller stops the work (and ends it with a cancellation).
    func next() async -> Event {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = queue.withLock { queue -> Event? in
                    if !queue.events.isEmpty { return queue.events.removeFirst() }
                    if queue.ended { return .failed(CancellationError()) }
                    queue.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            self.cancel()
        }
    }

    /// Stops the work; a pending ``next()`` ends with a cancellation.
    func cancel() {
        task.withLock { $0?.cancel() }
        let waiter = queue.withLock { queue -> CheckedContinuation<Event, Never>? in
            queue.ended = true
            defer { queue.waiter = nil }
            return queue.waiter
        }
        waiter?.resume(returning: .failed(CancellationError()))
    }
}
