import DevCenter
import LuaKit

extension BindingCall {
    /// Runs `work` in the background and takes its events: each update goes to `callback` (a
    /// function field of the options table at `optionsIndex`, if it has one) as the table
    /// `push` makes, and the end goes to `finish`. The work is cancelled by Ctrl-C, by the end
    /// of the run, and when the binding is left by an error.
    func drive<Update: Sendable, Value: Sendable>(
        _ work: @escaping @Sendable (_ report: @escaping @Sendable (Update) -> Void) async throws -> Value,
        coalescingUpdates: Bool, callback: (optionsIndex: Int32?, field: String),
        push: @escaping (Update, LuaStack) -> Void, seen: @escaping (Update) -> Void = { _ in },
        finish: @escaping (LuaCall, Result<Value, HDCError>) throws -> LuaReturn
    ) throws -> LuaReturn {
        let background = BackgroundWork<Update, Value>(coalescingUpdates: coalescingUpdates)
        let scheduler = runtime.scheduler
        let key = scheduler.trackBackgroundWork(background.start(work))
        let runtime = self.runtime
        let base = stack.top
        let optionsIndex = callback.optionsIndex
        let hasCallback = try optionsIndex.map { try OptionsTable(stack: stack, index: $0).function(callback.field) } ?? false

        func nextEvent(_ call: LuaCall) throws -> LuaReturn {
            call.stack.top = base
            return try runtime.perform(call, { await background.next() }) { call, outcome in
                call.stack.top = base
                switch try outcome.get() {
                case .update(let update):
                    seen(update)
                    guard hasCallback, let optionsIndex else { return try nextEvent(call) }
                    call.stack.rawGet(at: optionsIndex, callback.field)
                    push(update, call.stack)
                    return .call(arguments: 1, results: 0) { call, _ in try nextEvent(call) }
                case .done(let value):
                    scheduler.forgetBackgroundWork(key)
                    return try finish(call, .success(value))
                case .failed(let error):
                    scheduler.forgetBackgroundWork(key)
                    return try finish(call, .failure(HDCError(describing: error)))
                }
            }
        }
        do {
            return try nextEvent(call)
        } catch {
            background.cancel()
            throw error
        }
    }

    /// The body of `hdc.wait` and `hdc.wait_shipping_label`: the waiter's changes go to
    /// `on_change`; the end is the resource as last fetched, or the failure with it attached.
    func waitForWorkflow<Resource: ServiceResource>(
        resourceField: String, optionsIndex: Int32?,
        _ wait: @escaping @Sendable (DevCenterClient, @escaping @Sendable (WorkflowChange<Resource>) async -> Void) async throws -> Resource
    ) throws -> LuaReturn {
        let client = try self.client().client
        let ledger = runtime.transferURLs
        var last: Resource?
        return try drive(
            { report in try await wait(client) { change in report(change) } },
            coalescingUpdates: false, callback: (optionsIndex, "on_change"),
            push: { change, stack in
                ledger.record(change.resource.json)
                Self.push(change, resourceField: resourceField, on: stack)
            },
            seen: { last = $0.resource }
        ) { call, outcome in
            switch outcome {
            case .success(let resource):
                ledger.record(resource.json)
                return returning(resource.json, call)
            case .failure(var failure):
                if let last {
                    ledger.record(last.json)
                    failure.resource = (resourceField, last.json)
                }
                throw failure
            }
        }
    }

    /// `{step, state, commit_status, elapsed, summary, <resource>}` for `on_change`.
    private static func push<Resource: ServiceResource>(_ change: WorkflowChange<Resource>, resourceField: String, on stack: LuaStack) {
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
