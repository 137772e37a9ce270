import CLua

/// The instruction-count hook and interrupts.
extension LuaState {
    /// Calls `hook` every `count` VM instructions, on the main thread and on every thread
    /// resumed through LuaKit (threads a script creates inherit it from their creator).
    ///
    /// The hook runs on the script's thread with its stack; it decides with a
    /// ``LuaHookAction`` whether the script goes on, fails (with the value the hook pushed)
    /// or yields. Replaces any previous instruction hook.
    public func setInstructionHook(every count: Int32, _ hook: @escaping (LuaStack) -> LuaHookAction) {
        precondition(count > 0, "an instruction hook needs a positive count")
        instructionHook = hook
        host.pointee.hook_count = count
        hws_set_count_hook(stack.pointer, count)
        if let running = host.pointee.running, running != stack.pointer { hws_set_count_hook(running, count) }
    }

    /// Removes the instruction hook from the main thread and the running thread.
    public func removeInstructionHook() {
        instructionHook = nil
        host.pointee.hook_count = 0
        hws_set_count_hook(stack.pointer, 0)
        if let running = host.pointee.running, running != stack.pointer { hws_set_count_hook(running, 0) }
    }

    /// Limits the script to about `instructions` VM instructions (checked every
    /// `granularity`). Once the budget is spent, the hook raises `message` (prefixed with the
    /// script's position); with `raiseRepeatedly` it keeps raising at every later check, so a
    /// script that catches the error with `pcall` and carries on is stopped again.
    public func setInstructionBudget(
        _ instructions: Int64, granularity: Int32 = 1000,
        message: String = "instruction budget exhausted", raiseRepeatedly: Bool = true
    ) {
        var remaining = instructions
        var raised = false
        setInstructionHook(every: granularity) { stack in
            remaining -= Int64(granularity)
            guard remaining <= 0, !raised || raiseRepeatedly else { return .proceed }
            raised = true
            // From now on this thread checks at every instruction: a loop that catches the
            // error with pcall could otherwise meet the check inside its pcall every time.
            if raiseRepeatedly { hws_set_count_hook(stack.pointer, 1) }
            stack.ensureCapacity(2)
            luaL_where(stack.pointer, 1)
            stack.push(message)
            lua_concat(stack.pointer, 2)
            return .raise
        }
    }

    /// A handle other threads and signal handlers may use to interrupt the running script.
    public var interruptHandle: LuaInterruptHandle { LuaInterruptHandle(host: host) }

    /// How many interrupts reached the script so far.
    public var interruptsDelivered: Int { Int(host.pointee.interrupts_delivered) }

    /// Withdraws an interrupt that was requested but has not reached the script yet, and says
    /// whether there was one. A host that delivers the interrupt itself (a scheduler resuming
    /// its waiting coroutines with an error) calls this so the hook does not raise it again
    /// later, in whatever runs next.
    @discardableResult
    public func withdrawPendingInterrupt() -> Bool {
        let pending = host.pointee.interrupt_pending != 0
        host.pointee.interrupt_pending = 0
        return pending
    }

    /// Chooses the error value an interrupt raises: `push` must push exactly one value.
    /// The default raises the string "interrupted".
    public func setInterruptError(_ push: @escaping (LuaStack) -> Void) {
        interruptValue = push
    }
}

/// Runs the state's instruction hook (called from the C count hook).
@_cdecl("hws_swift_hook")
func luaKitHook(_ L: OpaquePointer?) -> Int32 {
    let stack = LuaStack(L.unsafelyUnwrapped)
    guard let hook = stack.state.instructionHook else { return HWS_HOOK_PROCEED }
    let top = stack.top
    switch hook(stack) {
    case .proceed:
        stack.top = top
        return HWS_HOOK_PROCEED
    case .raise:
        if stack.top == top { stack.push("interrupted by the instruction hook") }
        return HWS_HOOK_RAISE
    case .yield:
        stack.top = top
        return HWS_HOOK_YIELD
    }
}

/// Pushes the error an interrupt raises (called from the C interrupt hook).
@_cdecl("hws_swift_interrupted")
func luaKitInterrupted(_ L: OpaquePointer?) {
    let stack = LuaStack(L.unsafelyUnwrapped)
    stack.ensureCapacity(2)
    let top = stack.top
    if let push = stack.state.interruptValue {
        push(stack)
        if stack.top == top + 1 { return }
        stack.top = top
    }
    stack.push("interrupted")
}
