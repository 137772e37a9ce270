import LuaKit

/// Runs a script's Lua coroutines over Swift concurrency, on the one thread that owns the
/// Lua state.
///
/// The main chunk of each ``call(on:arguments:results:waitForSpawnedTasks:)`` and every
/// `hdc.spawn`ed function run as coroutines (``ScriptTask``). A binding that waits for Swift
/// async work (``perform(_:_:then:)``) yields a *host yield* when its coroutine can yield: the
/// scheduler then runs other tasks, sleeps until some work completes, and resumes the task with
/// the outcome. Where the coroutine cannot yield (inside a `table.sort` comparator, a
/// `string.gsub` callback, a metamethod called from C) the binding waits on this thread
/// instead (slower, never wrong). Host yields pass through a script's own coroutines (see
/// ``HostCoroutineLibrary``), so `coroutine.wrap` and `resume` keep working around `hdc` calls.
///
/// Ctrl-C while a call runs fails every operation in flight with `interrupted` (cancelling its
/// Swift task), which each waiting coroutine then raises; Lua code that is running is
/// interrupted by LuaKit's hook with the same error.
///
/// Not `Sendable`: used from the Lua thread only; Swift work reports through a
/// ``CompletionQueue``.
public final class CoroutineScheduler {
    let state: LuaState
    private let completions = CompletionQueue()
    /// Spawned tasks not yet finished, by thread.
    private var liveTasks: [OpaquePointer: ScriptTask] = [:]
    /// Main tasks not yet finished, innermost last (a binding may run a call inside a call).
    /// Kept apart from `liveTasks` so that a script that spawns nothing never makes the
    /// dictionary's storage: instantiating it costs a scan of the binary's protocol
    /// conformances, a measurable part of `hwsubmit -e ''` (docs/performance.md).
    private var liveMainTasks: [ScriptTask] = []
    private var readyQueue: [ScriptTask] = []
    private var readyHead = 0
    private var operations: [Int: PendingOperation] = [:]
    /// Swift tasks started and not yet reported through the completion queue.
    private var swiftWorkInFlight = 0
    /// Long-running Swift tasks a binding keeps (a waiter's polling loop), cancelled on Ctrl-C
    /// and at the end of a run.
    private var backgroundWork: [Int: Task<Void, Never>] = [:]
    private var nextID = 0
    /// Tasks being resumed, innermost last (a task that waits on this thread resumes others).
    private var resuming: [ScriptTask] = []
    /// Coroutines of the script suspended in a host yield on the way to the scheduler.
    private var hostWaiting: Set<OpaquePointer> = []
    /// Spawned tasks that failed and that nobody waited for yet.
    private var unobservedFailures: [ScriptTask] = []
    private var runDepth = 0
    /// The scheduler's place among those Ctrl-C reaches, while its outermost call runs.
    private var signalArming: InterruptSignal.Arming?
    /// Interrupts the running call from any thread.
    public let interruptHandle: SchedulerInterruptHandle
    /// The error an interrupt delivers, asked on the Lua thread when it is delivered: Ctrl-C's
    /// `interrupted`, unless a sandbox's time limit has passed (see ``SandboxSupport``).
    public var interruptReason: () -> HDCError = { .interrupted() }

    /// The value a bound function yields to say "waiting for an operation": a light userdata no
    /// script can make.
    nonisolated(unsafe) static let hostYieldMarker: UnsafeMutableRawPointer = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    public init(state: LuaState) {
        self.state = state
        interruptHandle = SchedulerInterruptHandle(flag: .init(), lua: state.interruptHandle, completions: completions)
    }

    /// True while a call runs: bindings may then yield to the scheduler.
    public var isRunning: Bool { runDepth > 0 }

    // MARK: Running a call

    /// Calls the function below the top `arguments` values of `stack` (the main thread's) as
    /// the main task, runs the scheduler until it ends, and leaves `results` results on `stack`
    /// (all of them for `LuaStack.allResults`), as a protected call would.
    ///
    /// With `waitForSpawnedTasks` (the default, for scripts) the call also runs every task the
    /// main task spawned to its end, and throws the error of a spawned task that failed without
    /// anyone waiting for it. Without it (a REPL line), spawned tasks stay alive and go on
    /// whenever a later call runs the scheduler.
    ///
    /// Ctrl-C during the call is the script's `interrupted` error; a second Ctrl-C ends the
    /// process.
    public func call(on stack: LuaStack, arguments: Int32, results: Int32, waitForSpawnedTasks: Bool = true) throws(LuaError) {
        let main = makeTask(from: stack, arguments: arguments, isMain: true, origin: "main chunk")
        let outermost = runDepth == 0
        runDepth += 1
        if outermost { signalArming = InterruptSignal.arm(state.interruptHandle, wakeUp: completions.wakeUpSemaphore) }
        defer {
            runDepth -= 1
            if outermost, let arming = signalArming {
                signalArming = nil
                if InterruptSignal.disarm(arming) { deliverInterrupt() }
            }
        }
        let waitsForOthers = waitForSpawnedTasks && outermost
        runUntil(resumingTasks: true, from: nil) {
            main.isDone && (main.status == .failed || !waitsForOthers || liveTasks.isEmpty)
        }
        guard main.isDone else {
            abandonTasks()
            throw LuaError(kind: .runtime, message: "hwsubmit: the scheduler stopped while the main chunk was still waiting")
        }
        if main.status == .failed, let error = main.error {
            // The caller takes the error object's reference: the task must not release it.
            main.error = nil
            main.errorObserved = true
            if outermost && waitsForOthers { abandonTasks() }
            throw error
        }
        let count = main.resultCount
        if results == LuaStack.allResults {
            main.coroutine.stack.move(count, to: stack)
        } else {
            stack.ensureCapacity(results)
            for i in 0..<results {
                if i < count { main.coroutine.stack.pushValue(at: i + 1) } else { main.coroutine.stack.pushNil() }
            }
            main.coroutine.stack.move(results, to: stack)
        }
        if waitsForOthers, let failed = unobservedFailures.first, let error = failed.error {
            unobservedFailures.removeAll()
            failed.errorObserved = true
            throw LuaError(
                kind: error.kind, message: error.message,
                traceback: (error.traceback.map { $0 + "\n" } ?? "") + "(in a task spawned at \(failed.origin) that nobody waited for)",
                value: error.value.map { ref in
                    stack.push(ref)
                    return stack.ref()
                })
        }
    }

    /// Drops every task of an ended run and stops the Swift work they started.
    private func abandonTasks() {
        for op in operations.values { op.work?.cancel() }
        operations.removeAll()
        for work in backgroundWork.values { work.cancel() }
        backgroundWork.removeAll()
        liveTasks.removeAll()
        liveMainTasks.removeAll()
        readyQueue.removeAll()
        readyHead = 0
        unobservedFailures.removeAll()
    }

    // MARK: Tasks

    /// Makes a task of the function below the top `arguments` values of `stack` (popping them)
    /// and queues it to run.
    @discardableResult
    func makeTask(from stack: LuaStack, arguments: Int32, isMain: Bool, origin: String) -> ScriptTask {
        let coroutine = LuaCoroutine(state: state)
        stack.move(arguments + 1, to: coroutine.stack)
        nextID += 1
        let task = ScriptTask(coroutine: coroutine, state: state, id: nextID, isMain: isMain, origin: origin, arguments: arguments)
        // A task that sandboxed code starts is the sandbox's from its first instruction.
        if !isMain, let monitor = state.sandboxMonitorIfAny, monitor.wholeState == nil, let context = monitor.context(for: stack) {
            monitor.mark(coroutine.stack, context: context)
            task.sandbox = context
            if monitor.pushDelivery(for: context, on: stack) { task.delivery = stack.ref() }
        }
        if isMain { liveMainTasks.append(task) } else { liveTasks[task.thread] = task }
        makeReady(task)
        return task
    }

    /// True when `thread` is the coroutine of a live task (not a coroutine of the script).
    func isTask(_ thread: OpaquePointer) -> Bool {
        liveMainTasks.contains { $0.thread == thread } || (!liveTasks.isEmpty && liveTasks[thread] != nil)
    }

    /// The task being resumed now, if any.
    var currentTask: ScriptTask? { resuming.last }

    private func makeReady(_ task: ScriptTask) {
        task.status = .ready
        readyQueue.append(task)
    }

    private func popReady() -> ScriptTask? {
        while readyHead < readyQueue.count {
            let task = readyQueue[readyHead]
            readyHead += 1
            if readyHead > 64 && readyHead * 2 > readyQueue.count {
                readyQueue.removeFirst(readyHead)
                readyHead = 0
            }
            if task.status == .ready { return task }
        }
        return nil
    }

    private func resume(_ task: ScriptTask, from: LuaStack?) {
        task.status = .running
        let arguments = task.hasStarted ? 0 : task.initialArguments
        task.hasStarted = true
        resuming.append(task)
        defer { resuming.removeLast() }
        do {
            switch try task.coroutine.resume(arguments: arguments, from: from) {
            case .yielded(let count):
                let stack = task.coroutine.stack
                if count == 2, stack.lightUserdata(at: -2) == Self.hostYieldMarker, let id = stack.integer(at: -1),
                    let op = operations[Int(id)]
                {
                    stack.pop(2)
                    suspend(task, on: op)
                } else {
                    // Only a host yield reaches the scheduler: the coroutine library refuses a
                    // script's yield at the top of a task.
                    stack.pop(count)
                    task.coroutine.reset()
                    end(task, failure: makeLuaError(HDCError.script("attempt to yield from outside a coroutine")))
                }
            case .finished(let count):
                task.resultCount = count
                end(task, failure: nil)
            }
        } catch {
            end(task, failure: error)
        }
    }

    private func suspend(_ task: ScriptTask, on op: PendingOperation) {
        task.pendingOperation = op
        if op.isComplete {
            makeReady(task)
        } else {
            task.status = .waiting
            op.waiter = task
        }
    }

    private func end(_ task: ScriptTask, failure: LuaError?) {
        if let failure {
            task.error = failure
            task.status = .failed
            if !task.isMain && !task.joins.isEmpty { task.errorObserved = true }
            if !task.isMain && !task.errorObserved { unobservedFailures.append(task) }
        } else {
            task.status = .finished
        }
        task.pendingOperation = nil
        if task.isMain {
            liveMainTasks.removeAll { $0 === task }
        } else {
            liveTasks[task.thread] = nil
        }
        for join in task.joins { complete(join, with: .success(true)) }
        task.joins.removeAll()
    }

    /// Notes that someone took the error of a failed task.
    func observeFailure(of task: ScriptTask) {
        task.errorObserved = true
        unobservedFailures.removeAll { $0 === task }
    }

    /// Ends a task that has not started, or fails what it waits on, with a `cancelled` error.
    func cancel(_ task: ScriptTask, error: HDCError) {
        guard !task.isDone else { return }
        if !task.hasStarted {
            task.coroutine.stack.top = 0
            end(task, failure: makeLuaError(error))
        } else if let op = task.pendingOperation {
            op.fail(with: error)
            if let waiter = op.waiter {
                op.waiter = nil
                makeReady(waiter)
            }
        }
    }

    // MARK: Operations

    /// Starts Swift async work as an operation; its outcome reaches the Lua thread through the
    /// completion queue.
    func startWork<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) -> PendingOperation {
        nextID += 1
        let op = PendingOperation(id: nextID, kind: .swiftWork)
        operations[op.id] = op
        swiftWorkInFlight += 1
        let queue = completions
        let id = op.id
        op.work = Task {
            let result: Result<any Sendable, any Error>
            do {
                result = .success(try await work())
            } catch {
                result = .failure(error)
            }
            queue.post(CompletionQueue.Completion(operationID: id, result: result))
        }
        return op
    }

    /// An operation that completes when `task` ends.
    func joinOperation(for task: ScriptTask) -> PendingOperation {
        nextID += 1
        let op = PendingOperation(id: nextID, kind: .join)
        operations[op.id] = op
        if task.isDone {
            op.complete(with: .success(true))
        } else {
            task.joins.append(op)
        }
        return op
    }

    /// Keeps a long-running Swift task (a waiter's polling loop) so that Ctrl-C and the end of
    /// the run cancel it; returns a key for ``forgetBackgroundWork(_:)``.
    func trackBackgroundWork(_ work: Task<Void, Never>) -> Int {
        nextID += 1
        backgroundWork[nextID] = work
        return nextID
    }

    func forgetBackgroundWork(_ key: Int) {
        backgroundWork[key] = nil
    }

    private func complete(_ op: PendingOperation, with result: Result<any Sendable, any Error>) {
        guard op.complete(with: result), let waiter = op.waiter else { return }
        op.waiter = nil
        makeReady(waiter)
    }

    /// Takes the outcome of a completed operation, forgetting the operation.
    func take(_ op: PendingOperation) -> Result<any Sendable, any Error> {
        operations[op.id] = nil
        if let task = currentTask, task.pendingOperation === op { task.pendingOperation = nil }
        return op.outcome ?? .failure(HDCError.script("hwsubmit: an operation was resumed before it finished"))
    }

    /// Waits for `op` in the coroutine of `call`: yields to the scheduler when the coroutine
    /// can, waits on this thread otherwise; then `deliver` gets the outcome.
    func waitFor(
        _ op: PendingOperation, in call: LuaCall,
        deliver: @escaping (LuaCall, Result<any Sendable, any Error>) throws -> LuaReturn
    ) throws -> LuaReturn {
        currentTask?.pendingOperation = op
        if isRunning && call.stack.isYieldable {
            call.stack.push(lightUserdata: Self.hostYieldMarker)
            call.stack.push(Int64(op.id))
            return .yield(2) { [unowned self] call, _ in
                guard op.isComplete else {
                    // A script resumed a coroutine it should not have: wait here instead.
                    self.block(on: op, thread: call.stack)
                    return try deliver(call, self.take(op))
                }
                return try deliver(call, self.take(op))
            }
        }
        block(on: op, thread: call.stack)
        return try deliver(call, take(op))
    }

    /// Waits on this thread for `op` (a coroutine that cannot yield, or a host yield that met
    /// a place that cannot yield). Waiting for a task runs the other tasks meanwhile.
    func block(on op: PendingOperation, thread: LuaStack) {
        runUntil(resumingTasks: op.kind == .join, from: thread) { op.isComplete }
    }

    /// Waits for the operation `id` (the coroutine library's fallback when a host yield meets a
    /// place that cannot yield).
    func block(onOperation id: Int, thread: LuaStack) {
        guard let op = operations[id] else { return }
        block(on: op, thread: thread)
    }

    // MARK: The loop

    /// Runs tasks and applies completions until `done` holds. When nothing can make progress
    /// (every task waits for another), the waits fail with a deadlock error and it goes on.
    private func runUntil(resumingTasks: Bool, from: LuaStack?, _ done: () -> Bool) {
        while true {
            let signalled = signalArming.map(InterruptSignal.consume) ?? false
            if interruptHandle.consume() || signalled { deliverInterrupt() }
            applyCompletions()
            if done() { return }
            if resumingTasks, let task = popReady() {
                resume(task, from: from)
                continue
            }
            if swiftWorkInFlight > 0 {
                completions.waitForWakeUp()
                continue
            }
            guard breakDeadlock() else { return }
        }
    }

    private func applyCompletions() {
        for completion in completions.drain() {
            swiftWorkInFlight -= 1
            guard let op = operations[completion.operationID] else { continue }
            complete(op, with: completion.result)
        }
    }

    /// Fails every wait for a task with a deadlock error; false when there was none to fail.
    private func breakDeadlock() -> Bool {
        let joins = operations.values.filter { $0.kind == .join && !$0.isComplete }
        for op in joins {
            complete(op, with: .failure(HDCError.script(
                "deadlock: every task is waiting for another task, and no work is in flight",
                advice: "Check which tasks wait for each other with task:wait(); a task cannot wait for one that waits for it.")))
        }
        return !joins.isEmpty
    }

    // MARK: Interrupts

    /// Ctrl-C: every operation not yet delivered fails with `interrupted` (its Swift work is
    /// cancelled), tasks that have not started end with it, and background work stops.
    func deliverInterrupt() {
        state.withdrawPendingInterrupt()
        let error = interruptReason()
        for op in operations.values {
            op.fail(with: error)
            if let waiter = op.waiter {
                op.waiter = nil
                makeReady(waiter)
            }
        }
        for task in liveMainTasks + liveTasks.values where !task.hasStarted {
            task.coroutine.stack.top = 0
            end(task, failure: makeLuaError(error))
        }
        for work in backgroundWork.values { work.cancel() }
        backgroundWork.removeAll()
    }

    /// Interrupts the running call as Ctrl-C does (from the Lua thread; other threads use
    /// ``interruptHandle``).
    public func interrupt() {
        interruptHandle.request()
    }

    // MARK: Coroutines of the script in host yields

    func enterHostWait(_ thread: OpaquePointer) { hostWaiting.insert(thread) }
    func leaveHostWait(_ thread: OpaquePointer) { hostWaiting.remove(thread) }
    func isInHostWait(_ thread: OpaquePointer) -> Bool { hostWaiting.contains(thread) }

    /// A LuaError holding `error`'s value, for tasks that end without running.
    private func makeLuaError(_ error: HDCError) -> LuaError {
        let stack = state.stack
        error.pushErrorValue(on: stack)
        let message = stack.describe(at: -1)
        return LuaError(kind: .runtime, message: message, traceback: nil, value: stack.ref())
    }
}
