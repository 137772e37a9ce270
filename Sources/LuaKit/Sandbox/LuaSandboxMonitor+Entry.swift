import CLua

/// Calling into a sandbox from trusted code, and bringing back what it returns.
extension LuaSandboxMonitor {
    /// Pushes `enter(f, ...)`: calls `f` with the arguments inside `context` and returns its
    /// results. The calling thread runs under the sandbox's policy and limits for the call
    /// (which may yield for `hdc` work); however the call ends, the thread has left the sandbox
    /// before the caller sees the outcome.
    ///
    /// What crosses the boundary is copied or wrapped inside the sandbox, under its limits
    /// (``LuaSandboxBoundaryPrelude``): no value that comes back runs code of the sandbox's
    /// anywhere but in it. An exceeded limit (Lua's "not enough memory" included) is raised as
    /// the limit's error.
    public func pushEntry(for context: LuaSandboxContext, on stack: LuaStack) throws(LuaError) {
        stack.ensureCapacity(7)
        try pushCompiled(LuaSandboxBoundaryPrelude.source, chunkName: LuaSandboxBoundaryPrelude.chunkName, keptIn: \.boundaryBuilder, on: stack)
        stack.pushLoadedLibrary("_G")
        pushSharedTables(on: stack)
        pushRawEntry(for: context, on: stack)
        stack.push(function: { call in
            // The metatable itself, whatever its __metatable field says (debug.getmetatable's
            // answer, with no need of the debug library).
            call.stack.pushMetatable(at: 1) ? .values(1) : .values(0)
        })
        pushRealPcall(on: stack)
        try stack.call(arguments: 5, results: 2)
        pushDeliveries(on: stack)
        stack.insert(at: -2)
        stack.rawSet(at: -2, index: Int64(context.id))
        stack.pop()
    }

    /// Pushes `deliver(ok, ...)` of `context`'s boundary: what code of the sandbox's ended with
    /// (a task's results, or its error when `ok` is false), exported for trusted code as the
    /// outcome of a call into the sandbox is (or raised, for an error). False, and nothing
    /// pushed, when the sandbox has no boundary (the whole state's) or it has gone (nothing of
    /// the sandbox's is left to deliver from). Whoever needs it later (a task the sandbox
    /// spawned) keeps a reference of its own.
    public func pushDelivery(for context: LuaSandboxContext, on stack: LuaStack) -> Bool {
        stack.ensureCapacity(2)
        pushDeliveries(on: stack)
        let found = stack.rawGet(at: -1, index: Int64(context.id)) == .function
        stack.remove(at: -2)
        if !found { stack.pop() }
        return found
    }

    private func pushDeliveries(on stack: LuaStack) {
        if let deliveries {
            stack.push(deliveries)
            return
        }
        stack.newTable()
        stack.newTable(fieldCapacity: 1)
        stack.push("v")
        stack.rawSet(at: -2, "__mode")
        stack.setMetatable(at: -2)
        stack.pushValue(at: -1)
        deliveries = stack.ref()
    }

    /// Pushes `rawEnter(body, f, ...)`: `pcall(body, f, ...)` with the calling thread inside
    /// `context`. `body` (the boundary's) runs `f` and exports its outcome, returning `true`
    /// and the results or `false` and the error; a failure of `body` itself is a limit met
    /// while exporting.
    private func pushRawEntry(for context: LuaSandboxContext, on stack: LuaStack) {
        stack.push(function: { [unowned self] call in
            try call.function(1)
            let count = call.argumentCount
            call.stack.ensureCapacity(2)
            pushRealPcall(on: call.stack)
            call.stack.insert(at: 1)
            let entry = enter(context, thread: call.stack)
            return .call(arguments: count, results: LuaStack.allResults) { [unowned self] call, outcome in
                leave(entry)
                let stack = call.stack
                let first = outcome.firstIndex
                let completed = stack.bool(at: first)
                if completed, stack.bool(at: first + 1) { return .values(outcome.count - 2) }
                let error = completed ? first + 2 : first + 1
                let memory = stack.type(at: error) == .string && stack.string(at: error) == "not enough memory"
                if let violation = limitError(for: context, memoryErrorSeen: memory) { throw violation }
                stack.pushValue(at: error)
                return .raise
            }
        })
    }

    /// The base library's `pcall` as the state opened it, kept before any sandbox replaced
    /// the globals.
    func pushRealPcall(on stack: LuaStack) {
        if let realPcall {
            stack.push(realPcall)
            return
        }
        stack.pushLoadedLibrary("_G")
        stack.rawGet(at: -1, "pcall")
        stack.remove(at: -2)
        stack.pushValue(at: -1)
        realPcall = stack.ref()
    }
}
