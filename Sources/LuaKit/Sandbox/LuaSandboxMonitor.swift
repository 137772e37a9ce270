import CLua

/// The sandboxes of one ``LuaState``: which thread runs which sandbox, and the instruction
/// hook that enforces their limits.
///
/// A whole run in a sandbox (`hwsubmit --sandbox`) sets ``wholeState``: every thread is in it.
/// A sandbox inside a trusted script (`sandbox.run`) marks the threads that run its code: the
/// caller's thread while the call lasts (``enter(_:thread:)`` / ``leave(_:)``), and for good
/// the coroutines and tasks the sandboxed code creates (``mark(_:context:)``). The marks live
/// in a weak-keyed table in the registry, so they go when the threads do.
///
/// The hook (every ``hookStep`` instructions) counts instructions, checks the clock and the
/// allocator's refusals, and raises the exceeded limit. Once exceeded, a limit is raised at
/// every later check until the activation ends, so a script that catches it with `pcall`
/// and carries on is stopped again at once.
public final class LuaSandboxMonitor {
    unowned let state: LuaState
    /// How often the hook runs, in VM instructions.
    public static let hookStep: Int32 = 1000
    /// The sandbox every thread of the state is in, for a whole run.
    public private(set) var wholeState: LuaSandboxContext?
    /// Makes the error value a violation raises (an `hdc.Error` in hwsubmit); nil: a string.
    public var errorValue: ((LuaStack, LuaSandboxViolation) -> Void)?
    /// Called when an activation with a time limit begins (hwsubmit arms a timer that
    /// interrupts waits on the network at the deadline).
    public var onActivation: ((LuaSandboxContext) -> Void)?
    /// Called when the last call into a sandbox returns (its timer can go).
    public var onDeactivation: ((LuaSandboxContext) -> Void)?
    private var contexts: [Int: LuaSandboxContext] = [:]
    private var active: [Int: LuaSandboxContext] = [:]
    private var nextID = 1
    private var threadMarks: LuaRef?
    private var baseMemoryLimit: Int?
    private var hookInstalled = false
    /// The compiled preludes and the tables all sandboxes share (``LuaSandboxEnvironment``,
    /// ``pushEntry(for:on:)``).
    var builder: LuaRef?
    var boundaryBuilder: LuaRef?
    /// Each boundary's `deliver`, by sandbox id, held weakly: it lives as long as the boundary
    /// (its `enter`, the functions that came out) or a task that took it.
    var deliveries: LuaRef?
    var shared: LuaRef?
    var realPcall: LuaRef?

    init(state: LuaState) {
        self.state = state
    }

    // MARK: Sandboxes

    /// A new sandbox with `policy` (not active until entered, or made ``wholeState``).
    public func makeContext(_ policy: LuaSandboxPolicy) -> LuaSandboxContext {
        let context = LuaSandboxContext(id: nextID, policy: policy)
        nextID += 1
        contexts[context.id] = context
        return context
    }

    /// Puts every thread of the state in `context`, from now to the end of the state.
    public func sandboxWholeState(_ context: LuaSandboxContext) {
        wholeState = context
        activate(context)
    }

    /// The sandboxes in an activation now (the whole state's included).
    public var activeContexts: [LuaSandboxContext] { Array(active.values) }

    /// The sandbox the code running on `stack`'s thread is in, if any.
    public func context(for stack: LuaStack) -> LuaSandboxContext? {
        if let wholeState { return wholeState }
        guard let threadMarks, !contexts.isEmpty else { return nil }
        let L = stack.pointer
        stack.ensureCapacity(2)
        stack.push(threadMarks)
        lua_pushthread(L)
        lua_rawget(L, -2)
        let id = lua_tointegerx(L, -1, nil)
        stack.pop(2)
        return id == 0 ? nil : contexts[Int(id)]
    }

    /// What ``enter(_:thread:)`` returns and ``leave(_:)`` takes back.
    public struct Entry {
        let context: LuaSandboxContext
        let thread: LuaStack
        let previousID: Int64
    }

    /// Marks `thread` as running `context` until ``leave(_:)``; the first entry of an
    /// activation starts the sandbox's counts, time limit and memory ceiling afresh.
    public func enter(_ context: LuaSandboxContext, thread: LuaStack) -> Entry {
        let previous = setMark(on: thread, id: Int64(context.id))
        if context.activeEntries == 0 { activate(context) }
        context.activeEntries += 1
        return Entry(context: context, thread: thread, previousID: previous)
    }

    /// Ends an ``enter(_:thread:)``: the thread goes back to the sandbox it was in before (or
    /// none), and the last entry of an activation lifts its memory ceiling.
    public func leave(_ entry: Entry) {
        _ = setMark(on: entry.thread, id: entry.previousID)
        hws_set_count_hook(entry.thread.pointer, LuaSandboxMonitor.hookStep)
        entry.context.activeEntries -= 1
        if entry.context.activeEntries == 0 {
            active[entry.context.id] = nil
            applyMemoryCeiling()
            onDeactivation?(entry.context)
        }
    }

    /// Marks `thread` (a coroutine the sandboxed code made) as the sandbox's for good.
    public func mark(_ thread: LuaStack, context: LuaSandboxContext) {
        _ = setMark(on: thread, id: Int64(context.id))
    }

    /// Runs `body` (a resume of `thread`) under the memory ceiling of the sandbox `thread`
    /// belongs to, when that sandbox is not active: a task it spawned that runs on after the
    /// call into it returned. Its instruction count and deadline go on from its activation,
    /// as the hook checks them anyway; the memory ceiling is the one the activation set. Nil
    /// (and `body` not run) when there is nothing to apply.
    func withMemoryCeiling<T>(of thread: LuaStack, _ body: () -> T) -> T? {
        guard wholeState == nil, !contexts.isEmpty, let context = context(for: thread), active[context.id] == nil,
              context.memoryCeiling != nil else { return nil }
        if active.isEmpty { baseMemoryLimit = state.memoryLimit }
        active[context.id] = context
        applyMemoryCeiling()
        defer {
            active[context.id] = nil
            applyMemoryCeiling()
        }
        return body()
    }

    /// Starts a new activation of the whole state's sandbox (the interpreter does, before each
    /// chunk it runs: the script, each `-e`, each REPL line), so a limit one chunk ran into
    /// does not stop the next. The memory ceiling stays where the first activation put it.
    public func renewWholeStateActivation() {
        guard let wholeState else { return }
        if wholeState.violation != nil { hws_set_count_hook(state.stack.pointer, LuaSandboxMonitor.hookStep) }
        let ceiling = wholeState.memoryCeiling
        wholeState.beginActivation(refused: Int(state.host.pointee.refused), memoryInUse: state.memoryInUse)
        wholeState.memoryCeiling = ceiling
        if wholeState.policy.timeLimit != nil { onActivation?(wholeState) }
    }

    private func activate(_ context: LuaSandboxContext) {
        installHook()
        if active.isEmpty { baseMemoryLimit = state.memoryLimit }
        context.beginActivation(refused: Int(state.host.pointee.refused), memoryInUse: state.memoryInUse)
        active[context.id] = context
        applyMemoryCeiling()
        if context.policy.timeLimit != nil { onActivation?(context) }
    }

    /// The state's memory limit: the lowest ceiling of the active sandboxes, or what it was.
    private func applyMemoryCeiling() {
        let ceilings = active.values.compactMap(\.memoryCeiling)
        state.memoryLimit = (ceilings + [baseMemoryLimit].compactMap { $0 }).min()
    }

    private func setMark(on thread: LuaStack, id: Int64) -> Int64 {
        let L = thread.pointer
        thread.ensureCapacity(3)
        if threadMarks == nil {
            thread.newTable()
            thread.newTable(fieldCapacity: 1)
            thread.push("k")
            thread.rawSet(at: -2, "__mode")
            thread.setMetatable(at: -2)
            threadMarks = thread.ref()
        }
        thread.push(threadMarks!)
        lua_pushthread(L)
        lua_rawget(L, -2)
        let previous = lua_tointegerx(L, -1, nil)
        thread.pop()
        lua_pushthread(L)
        if id == 0 { thread.pushNil() } else { thread.push(id) }
        lua_rawset(L, -3)
        thread.pop()
        return previous
    }

    // MARK: The hook

    private func installHook() {
        guard !hookInstalled else { return }
        hookInstalled = true
        let step = Int64(LuaSandboxMonitor.hookStep)
        state.setInstructionHook(every: LuaSandboxMonitor.hookStep) { [unowned self] stack in
            guard let context = self.context(for: stack) else { return .proceed }
            if context.violation == nil,
               let limit = context.exceededLimit(step: step, refused: Int(self.state.host.pointee.refused)) {
                context.markExceeded(limit)
            }
            guard let violation = context.violation else { return .proceed }
            // From now on this thread checks at every instruction: a loop that catches the
            // error with pcall meets it again at its first instruction outside the pcall.
            hws_set_count_hook(stack.pointer, 1)
            stack.ensureCapacity(2)
            violation.pushErrorValue(on: stack)
            return .raise
        }
    }

    /// The error a failure of sandboxed code should be reported as: the exceeded limit when
    /// there is one (Lua's own "not enough memory" included), else nil (the error as it is).
    public func limitError(for context: LuaSandboxContext, memoryErrorSeen: Bool) -> LuaSandboxViolation? {
        if let violation = context.violation { return violation }
        if memoryErrorSeen, context.policy.memoryLimit != nil { return context.markExceeded(.memory) }
        if context.policy.memoryLimit != nil, Int(state.host.pointee.refused) > context.refusedAtStart {
            return context.markExceeded(.memory)
        }
        return nil
    }
}

extension LuaState {
    /// The sandboxes of this state (made on first use).
    public var sandboxMonitor: LuaSandboxMonitor {
        if let sandboxMonitorIfAny { return sandboxMonitorIfAny }
        let monitor = LuaSandboxMonitor(state: self)
        sandboxMonitorIfAny = monitor
        return monitor
    }
}

extension LuaState {
    /// The sandbox the code running on `stack`'s thread is in, or nil (trusted code, or a
    /// state that never made a sandbox). Bound functions that touch files, the environment or
    /// a service ask this before they act.
    public func sandboxContext(for stack: LuaStack) -> LuaSandboxContext? {
        sandboxMonitorIfAny?.context(for: stack)
    }
}
