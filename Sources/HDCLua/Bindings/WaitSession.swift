import DevCenter
import LuaKit
import Synchronization

/// A wait for a submission or a shipping label (`hdc.wait`): DevCenter's waiter polls in a
/// Swift task of its own and reports each change, and the end, as events the binding takes one
/// at a time, calling the script's `on_change` between them (where it may call `hdc` too).
final class WaitSession<Resource: ServiceResource>: Sendable {
    enum Event: Sendable {
        case change(WorkflowChange<Resource>)
        case done(Resource)
        case failed(any Error)
    }

    private struct Queue {
        var events: [Event] = []
        var waiter: CheckedContinuation<Event, Never>?
        var ended = false
    }

    private let queue = Mutex(Queue())
    private let poller = Mutex<Task<Void, Never>?>(nil)

    init() {}

    deinit {
        cancel()
    }

    /// Starts `wait`, which reports changes through the callback it is given.
    func start(
        _ wait: @escaping @Sendable (@escaping @Sendable (WorkflowChange<Resource>) async -> Void) async throws -> Resource
    ) -> Task<Void, Never> {
        let task = Task { [self] in
            do {
                let resource = try await wait { change in self.post(.change(change)) }
                post(.done(resource))
            } catch {
                post(.failed(error))
            }
        }
        poller.withLock { $0 = task }
        return task
    }

    private func post(_ event: Event) {
        let waiter = queue.withLock { queue -> CheckedContinuation<Event, Never>? in
            if let waiter = queue.waiter {
                queue.waiter = nil
                return waiter
            }
            queue.events.append(event)
            return nil
        }
        waiter?.resume(returning: event)
    }

    /// The next event; cancelling the caller stops the polling (and ends the wait with a
    /// cancellation).
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

    /// Stops the polling; a pending ``next()`` ends with a cancellation.
    func cancel() {
        poller.withLock { $0?.cancel() }
        let waiter = queue.withLock { queue -> CheckedContinuation<Event, Never>? in
            queue.ended = true
            defer { queue.waiter = nil }
            return queue.waiter
        }
        waiter?.resume(returning: .failed(CancellationError()))
    }
}

extension BindingCall {
    /// The body of `hdc.wait` and `hdc.wait_shipping_label`: starts the waiter, then takes its
    /// events, calling `on_change` (in the options table at `optionsIndex`, if any) with a table
    /// for each change, and returns the final resource or raises the failure.
    func waitForWorkflow<Resource: ServiceResource>(
        resourceField: String, optionsIndex: Int32?,
        _ wait: @escaping @Sendable (DevCenterClient, @escaping @Sendable (WorkflowChange<Resource>) async -> Void) async throws -> Resource
    ) throws -> LuaReturn {
        let client = try self.client().client
        let session = WaitSession<Resource>()
        let scheduler = runtime.scheduler
        let key = scheduler.trackBackgroundWork(session.start { onChange in try await wait(client, onChange) })
        let runtime = self.runtime
        let base = stack.top
        let hasCallback = try optionsIndex.map { try OptionsTable(stack: stack, index: $0).function("on_change") } ?? false
        var last: Resource?

        func nextEvent(_ call: LuaCall) throws -> LuaReturn {
            call.stack.top = base
            return try runtime.perform(call, { await session.next() }) { call, outcome in
                call.stack.top = base
                switch try outcome.get() {
                case .change(let change):
                    last = change.resource
                    guard hasCallback, let optionsIndex else { return try nextEvent(call) }
                    call.stack.rawGet(at: optionsIndex, "on_change")
                    push(change, resourceField: resourceField, on: call.stack)
                    return .call(arguments: 1, results: 0) { call, _ in try nextEvent(call) }
                case .done(let resource):
                    scheduler.forgetBackgroundWork(key)
                    return returning(resource.json, call)
                case .failed(let error):
                    scheduler.forgetBackgroundWork(key)
                    var failure = HDCError(describing: error)
                    if let last { failure.resource = (resourceField, last.json) }
                    throw failure
                }
            }
        }
        do {
            return try nextEvent(call)
        } catch {
            session.cancel()
            throw error
        }
    }

    /// `{step, state, commit_status, elapsed, summary, <resource>}` for `on_change`.
    private func push<Resource: ServiceResource>(_ change: WorkflowChange<Resource>, resourceField: String, on stack: LuaStack) {
        stack.newTable(fieldCapacity: 6)
        if let step = change.step {
            stack.push(step.rawValue)
            stack.rawSet(at: -2, "step")
        }
        if let state = change.state {
            stack.push(state.rawValue)
            stack.rawSet(at: -2, "state")
        }
        if let commit = change.commitStatus {
            stack.push(commit.rawValue)
            stack.rawSet(at: -2, "commit_status")
        }
        stack.push(change.elapsed.seconds)
        stack.rawSet(at: -2, "elapsed")
        stack.push(change.summary)
        stack.rawSet(at: -2, "summary")
        stack.push(json: change.resource.json)
        stack.rawSet(at: -2, resourceField)
    }
}
