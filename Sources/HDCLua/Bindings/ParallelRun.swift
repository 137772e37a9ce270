import LuaKit

/// One call of `hdc.parallel`: a pool of worker tasks takes the items in order, calls
/// `fn(item, index)` through `pcall` for each, and records its first result or its error by
/// index; the caller waits for every worker, then gets the results and the failures.
///
/// The items, the function and the result tables live in a Lua table (an upvalue of each
/// worker), so nothing is copied out of Lua.
final class ParallelRun {
    private let count: Int
    private let failFast: Bool
    private var nextIndex: Int64 = 1
    private var stopped = false
    private var failed: [Int64] = []
    private var firstFailure: Int64?
    private var workers: [ScriptTask] = []

    private init(count: Int, failFast: Bool) {
        self.count = count
        self.failFast = failFast
    }

    private func take() -> Int64? {
        guard !stopped, nextIndex <= Int64(count) else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
    }

    /// The body of `hdc.parallel(items, fn [, options])`.
    static func start(_ b: BindingCall) throws -> LuaReturn {
        try b.call.table(b.index(1))
        try b.function(2)
        var concurrency: Int64 = 8
        var failFast = false
        if let options = try b.options(3) {
            try options.refuseUnknown(["concurrency", "fail_fast"])
            concurrency = try options.integer("concurrency") ?? concurrency
            guard concurrency >= 1 else {
                throw LuaArgumentError(argument: b.index(3), message: "field 'concurrency': 1 or more expected")
            }
            failFast = try options.boolean("fail_fast") ?? false
        }
        let stack = b.stack
        let run = ParallelRun(count: stack.rawLength(at: b.index(1)), failFast: failFast)
        let runtime = b.runtime
        let scheduler = runtime.scheduler

        // The run's table: {items = …, fn = …, results = {}, errors = {}}.
        stack.top = b.index(3)
        stack.newTable(fieldCapacity: 4)
        let table = stack.top
        stack.pushValue(at: b.index(1))
        stack.rawSet(at: table, "items")
        stack.pushValue(at: b.index(2))
        stack.rawSet(at: table, "fn")
        stack.newTable(arrayCapacity: run.count)
        stack.rawSet(at: table, "results")
        stack.newTable()
        stack.rawSet(at: table, "errors")

        let origin = stack.position().map { "hdc.parallel at \($0)" } ?? "hdc.parallel"
        for _ in 0..<min(Int(concurrency), run.count) {
            stack.pushValue(at: table)
            stack.push(function: { call in try run.work(call, runtime: runtime) }, upvalues: 1)
            run.workers.append(scheduler.makeTask(from: stack, arguments: 0, isMain: false, origin: origin))
        }
        return try run.join(0, b.call, table: table, scheduler: scheduler)
    }

    /// A worker's body: items until there are none left.
    private func work(_ call: LuaCall, runtime: HDCRuntime) throws -> LuaReturn {
        let table = call.upvalueIndex(1)
        let stack = call.stack
        stack.top = 0
        guard let index = take() else { return .none }
        stack.ensureCapacity(6)
        if let pcall = runtime.pcallRef { stack.push(pcall) } else { stack.getGlobal("pcall") }
        stack.rawGet(at: table, "fn")
        stack.rawGet(at: table, "items")
        stack.rawGet(at: -1, index: index)
        stack.remove(at: -2)
        stack.push(index)
        return .call(arguments: 3, results: 2) { [self] call, returned in
            let stack = call.stack
            let value = returned.firstIndex + 1
            if stack.bool(at: returned.firstIndex) {
                stack.rawGet(at: table, "results")
                stack.pushValue(at: value)
                stack.rawSet(at: -2, index: index)
                stack.pop()
            } else if Self.isInterruption(at: value, on: stack) {
                // Ctrl-C stops the whole run, not just this item.
                stopped = true
                stack.pushValue(at: value)
                return .raise
            } else if !(stopped && Self.isKind("cancelled", at: value, on: stack)) {
                stack.rawGet(at: table, "errors")
                stack.pushValue(at: value)
                stack.rawSet(at: -2, index: index)
                stack.pop()
                failed.append(index)
                if failFast && !stopped {
                    stopped = true
                    firstFailure = index
                    let current = runtime.scheduler.currentTask
                    for worker in workers where worker !== current {
                        runtime.scheduler.cancel(worker, error: .cancelled("cancelled by hdc.parallel after item \(index) failed"))
                    }
                }
            }
            return try work(call, runtime: runtime)
        }
    }

    /// Waits for worker `k` and the ones after it, then returns the results.
    private func join(_ k: Int, _ call: LuaCall, table: Int32, scheduler: CoroutineScheduler) throws -> LuaReturn {
        call.stack.top = table
        guard k < workers.count else { return try finish(call, table: table) }
        let worker = workers[k]
        return try scheduler.waitFor(scheduler.joinOperation(for: worker), in: call) { [self] call, outcome in
            if case .failure(let error) = outcome { throw HDCError(describing: error) }
            if worker.status == .failed && firstFailure != nil {
                // Cancelled by fail_fast: the first failure is what the caller gets.
                scheduler.observeFailure(of: worker)
            } else if worker.status == .failed {
                // Only an interruption (or a misuse outside fn) ends a worker with an error.
                stopped = true
                workers.removeAll()
                return try HDCModule.deliverOutcome(of: worker, to: call, scheduler: scheduler)
            }
            return try join(k + 1, call, table: table, scheduler: scheduler)
        }
    }

    private func finish(_ call: LuaCall, table: Int32) throws -> LuaReturn {
        // The workers' functions refer to this run: let them go.
        workers.removeAll()
        let stack = call.stack
        if let firstFailure {
            stack.rawGet(at: table, "errors")
            stack.rawGet(at: -1, index: firstFailure)
            return .raise
        }
        stack.rawGet(at: table, "results")
        guard !failed.isEmpty else {
            stack.pushNil()
            return .values(2)
        }
        stack.rawGet(at: table, "errors")
        stack.rawGet(at: table, "items")
        stack.newTable(arrayCapacity: failed.count)
        for (position, index) in failed.sorted().enumerated() {
            stack.newTable(fieldCapacity: 3)
            stack.push(index)
            stack.rawSet(at: -2, "index")
            stack.rawGet(at: -3, index: index)
            stack.rawSet(at: -2, "item")
            stack.rawGet(at: -4, index: index)
            stack.rawSet(at: -2, "error")
            stack.rawSet(at: -2, index: Int64(position + 1))
        }
        stack.remove(at: -2)
        stack.remove(at: -2)
        return .values(2)
    }

    private static func isInterruption(at index: Int32, on stack: LuaStack) -> Bool {
        isKind(ErrorKind.interrupted.rawValue, at: index, on: stack)
    }

    /// True when the value at `index` is an `hdc.Error` of `kind`.
    static func isKind(_ kind: String, at index: Int32, on stack: LuaStack) -> Bool {
        guard ErrorMetatable.isError(at: index, on: stack) else { return false }
        defer { stack.pop() }
        return stack.rawGet(at: index, "kind") == .string && stack.string(at: -1) == kind
    }
}
