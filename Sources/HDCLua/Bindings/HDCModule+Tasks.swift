import Foundation
import LuaKit

extension HDCModule {
    static var taskBindings: [HDCBinding] {
        [spawn, parallel, sleep, now, collect, taskWait, taskCancel, taskStatus]
    }

    private static var spawn: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "spawn",
            summary: "Runs a function as a task beside the caller: it starts at the caller's next wait and goes on while others wait for the service.",
            parameters: [
                LuaParameterDoc("fn", "function", "the task's body"),
                LuaParameterDoc("...", "any", optional: true, "arguments for it"),
            ],
            returns: [LuaReturnDoc("hdc.Task", "`task:wait()` returns its results or raises its error")],
            example: """
                local task = hdc.spawn(function(id) return hdc.product(id) end, product_id)
                -- … other work …
                local product = task:wait()
                """,
            access: .local,
            notes: "A script ends when its main chunk and every task it spawned have ended. A task that fails while nobody waits for it fails the run (its error is reported when the main chunk ends), so failures are never silently lost.")
        ) { b in
            try b.function(1)
            let origin = b.stack.position().map { "hdc.spawn at \($0)" } ?? "hdc.spawn"
            let task = b.runtime.scheduler.makeTask(from: b.stack, arguments: b.call.argumentCount - 1, isMain: false, origin: origin)
            b.runtime.push(task: task, on: b.stack)
            return .values(1)
        }
    }

    private static var parallel: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "parallel",
            summary: "Calls `fn(item, index)` for every item, several at a time, and returns the results in input order with the failures collected per item.",
            parameters: [
                LuaParameterDoc("items", "any[]", "a sequence"),
                LuaParameterDoc("fn", "fun(item: any, index: integer): any", "called once per item, in a task of its own pool"),
                LuaParameterDoc("options", "table", optional: true, "`concurrency` (how many items at once, default 8), `fail_fast` (boolean, default false: on the first failure, stop taking items, cancel those in flight and raise that error)"),
            ],
            returns: [
                LuaReturnDoc("any[]", name: "results", "`results[i]` is the first value `fn(items[i], i)` returned (nil for a failed item)"),
                LuaReturnDoc("hdc.ParallelFailure[]|nil", name: "failures", "nil when every item succeeded; otherwise one `{index = i, item = items[i], error = err}` per failed item, in input order"),
            ],
            example: """
                local results, failures = hdc.parallel(packages, function(path)
                  local s = hdc.create_submission(product, {name = path})
                  hdc.upload(s, path)
                  hdc.commit(s)
                  return hdc.wait(s, {interval = 30})
                end, {concurrency = 8})
                for _, f in ipairs(failures or {}) do print(f.item, f.error) end
                """,
            access: .local,
            notes: "An item's error is the value it raised (an `hdc.Error` for service failures). Check `failures`: an item that failed has no result. Ctrl-C stops every item and raises `interrupted` from `parallel` itself.")
        ) { b in try ParallelRun.start(b) }
    }

    private static var sleep: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "sleep",
            summary: "Pauses the calling task; other tasks go on meanwhile.",
            parameters: [LuaParameterDoc("seconds", "number", "how long (fractions allowed; 0 just lets other tasks run)")],
            returns: [],
            example: """
                hdc.sleep(0.5)
                """,
            access: .local)
        ) { b in
            let seconds = try b.call.number(b.index(1))
            guard seconds.isFinite, seconds >= 0 else {
                throw LuaArgumentError(argument: b.index(1), message: "a number of seconds (0 or more) expected")
            }
            let duration = Duration.milliseconds(Int64((min(seconds, 1e9) * 1000).rounded()))
            return try b.runtime.perform(b.call, { try await Task.sleep(for: duration) }, deliver: { _, _ in .none })
        }
    }

    private static var now: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "now",
            summary: "The time, in seconds since 1970 with a fraction: for timestamps and for measuring how long something took.",
            parameters: [],
            returns: [LuaReturnDoc("number", "seconds since 1970-01-01T00:00:00Z")],
            example: """
                local started = hdc.now()
                local signed = hdc.wait(submission)
                print(("signed in %.1f s"):format(hdc.now() - started))
                """,
            access: .local)
        ) { b in
            b.stack.push(Date().timeIntervalSince1970)
            return .values(1)
        }
    }

    private static var collect: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "collect",
            summary: "Reads an iterator (such as `hdc.products()`) into an array.",
            parameters: [
                LuaParameterDoc("iterator", "function", "called until it returns nil"),
                LuaParameterDoc("limit", "integer", optional: true, "stop after this many items"),
            ],
            returns: [LuaReturnDoc("any[]", "the items, in order")],
            example: """
                local first_ten = hdc.collect(hdc.products(), 10)
                """,
            access: .local)
        ) { b in
            try b.function(1)
            let limit = try b.call.integer(b.index(2), default: Int64.max)
            let stack = b.stack
            stack.top = b.index(1)
            stack.newTable()
            let results = stack.top
            var count: Int64 = 0
            func next(_ call: LuaCall) throws -> LuaReturn {
                call.stack.top = results
                guard count < limit else { return .values(1) }
                call.stack.pushValue(at: b.index(1))
                return .call(arguments: 0, results: 1) { call, returned in
                    if call.stack.isNil(at: returned.firstIndex) {
                        call.stack.top = results
                        return .values(1)
                    }
                    count += 1
                    call.stack.pushValue(at: returned.firstIndex)
                    call.stack.rawSet(at: results, index: count)
                    return try next(call)
                }
            }
            return try next(b.call)
        }
    }

    // MARK: hdc.Task methods

    private static var taskWait: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: "hdc.Task", name: "wait",
            summary: "Waits for the task to end; returns what its function returned, or raises the error it raised.",
            parameters: [],
            returns: [LuaReturnDoc("any", name: "...", "the task's results")],
            example: """
                local a = hdc.spawn(hdc.product, first_id)
                local b = hdc.spawn(hdc.product, second_id)
                print(a:wait().productName, b:wait().productName)
                """,
            access: .local,
            notes: "Several callers may wait for one task; each gets the results. Waiting for a task that waits for you raises a deadlock error.",
            isMethod: true)
        ) { b in
            let task = try b.call.userdata(1, of: b.runtime.taskType)
            let scheduler = b.runtime.scheduler
            if task.isDone { return try deliverOutcome(of: task, to: b.call, scheduler: scheduler) }
            if scheduler.currentTask === task { throw HDCError.script("a task cannot wait for itself") }
            let op = scheduler.joinOperation(for: task)
            return try scheduler.waitFor(op, in: b.call) { call, outcome in
                if case .failure(let error) = outcome { throw HDCError(describing: error) }
                return try deliverOutcome(of: task, to: call, scheduler: scheduler)
            }
        }
    }

    /// Pushes a finished task's results, or raises its error. A task spawned in a sandbox and
    /// waited for from outside it hands them over through the sandbox's boundary (copied, its
    /// functions wrapped), so its code does not run on the waiter's terms.
    static func deliverOutcome(of task: ScriptTask, to call: LuaCall, scheduler: CoroutineScheduler) throws -> LuaReturn {
        call.stack.ensureCapacity(2)
        var delivered = false
        if let delivery = task.delivery, task.sandbox !== call.state.sandboxContext(for: call.stack) {
            call.stack.push(delivery)
            delivered = true
        }
        if task.status == .failed {
            scheduler.observeFailure(of: task)
            if delivered { call.stack.push(false) }
            if let value = task.error?.value {
                call.stack.push(value)
            } else {
                call.stack.push(task.error?.message ?? "the task failed")
            }
            return delivered ? .call(arguments: 2, results: 0) { _, _ in .none } : .raise
        }
        let count = task.resultCount
        let results = task.coroutine.stack
        guard call.stack.ensureCapacity(count + 2), results.ensureCapacity(count + 1) else {
            throw HDCError.script("too many results to return from a task")
        }
        if delivered { call.stack.push(true) }
        for i in 0..<count { results.pushValue(at: i + 1) }
        results.move(count, to: call.stack)
        guard delivered else { return .values(count) }
        return .call(arguments: count + 1, results: LuaStack.allResults) { _, outcome in .values(outcome.count) }
    }

    private static var taskCancel: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: "hdc.Task", name: "cancel",
            summary: "Cancels the task: what it waits for fails with kind `cancelled` (its service call is abandoned), and a task not started yet never runs.",
            parameters: [],
            returns: [],
            example: """
                local poller = hdc.spawn(function() return hdc.wait(submission) end)
                -- … later, no longer interested:
                poller:cancel()
                """,
            access: .local,
            notes: "A task that catches the `cancelled` error with `pcall` may go on. Cancelling an ended task does nothing. `local t <close> = hdc.spawn(…)` cancels it when `t` goes out of scope.",
            isMethod: true)
        ) { b in
            let task = try b.call.userdata(1, of: b.runtime.taskType)
            let error = HDCError.cancelled("task #\(task.id) was cancelled")
            if b.runtime.scheduler.currentTask === task { throw error }
            b.runtime.scheduler.cancel(task, error: error)
            return .none
        }
    }

    private static var taskStatus: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: "hdc.Task", name: "status",
            summary: "Where the task stands: \"ready\", \"running\", \"waiting\", \"finished\" or \"failed\".",
            parameters: [],
            returns: [LuaReturnDoc("string", "the status")],
            example: """
                if task:status() == "failed" then print(pcall(task.wait, task)) end
                """,
            access: .local,
            isMethod: true)
        ) { b in
            let task = try b.call.userdata(1, of: b.runtime.taskType)
            b.stack.push(task.status.rawValue)
            return .values(1)
        }
    }
}
