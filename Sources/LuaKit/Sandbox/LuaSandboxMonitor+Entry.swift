import CLua

/// Calling into a sandbox from trusted code, and bringing back what it returns.
extension LuaSandboxMonitor {
    /// Pushes `enter(f, ...)`: calls `f` with the arguments inside `context` and returns its
    /// results. The calling thread runs under the sandbox's policy and limits for the call
    /// (which may yield for `hdc` work); however the call ends, the thread has left the sandbox
    /// before the caller sees the outcome. An exceeded limit (Lua's "not enough memory"
    /// included) is raised as the limit's error; an error object with a metatable the
    /// sandbox set is raised as a string, so no code of the sandbox runs outside it.
    public func pushEntry(for context: LuaSandboxContext, on stack: LuaStack) {
        stack.push(function: { [unowned self] call in
            try call.function(1)
            let count = call.argumentCount
            call.stack.ensureCapacity(2)
            pushRealPcall(on: call.stack)
            call.stack.insert(at: 1)
            let entry = enter(context, thread: call.stack)
            return .call(arguments: count, results: LuaStack.allResults) { [unowned self] call, outcome in
                leave(entry)
                if call.stack.bool(at: outcome.firstIndex) { return .values(outcome.count - 1) }
                let error = outcome.firstIndex + 1
                let memory = call.stack.type(at: error) == .string && call.stack.string(at: error) == "not enough memory"
                if let violation = limitError(for: context, memoryErrorSeen: memory) { throw violation }
                if call.stack.type(at: error) == .table, lua_getmetatable(call.stack.pointer, error) != 0 {
                    let ownedBySandbox = isSandboxMetatable(on: call.stack)
                    call.stack.pop()
                    if ownedBySandbox {
                        call.stack.push("(error object is a table with a metatable of the sandbox's)")
                        return .raise
                    }
                }
                call.stack.pushValue(at: error)
                return .raise
            }
        })
    }

    /// Pushes `export(value)` for `context` (see ``LuaSandboxBoundaryPrelude``).
    public func pushExporter(for context: LuaSandboxContext, on stack: LuaStack) throws(LuaError) {
        stack.ensureCapacity(6)
        try stack.load(LuaSandboxBoundaryPrelude.source, chunkName: LuaSandboxBoundaryPrelude.chunkName)
        stack.pushGlobalTable()
        pushSharedTables(on: stack)
        pushEntry(for: context, on: stack)
        try stack.call(arguments: 3, results: 1)
    }

    /// True when the table on top of the stack is a metatable some sandbox set.
    private func isSandboxMetatable(on stack: LuaStack) -> Bool {
        pushSharedTables(on: stack)
        defer { stack.pop() }
        guard stack.rawGet(at: -1, "owned") == .table else {
            stack.pop()
            return false
        }
        stack.pushValue(at: -3)
        lua_rawget(stack.pointer, -2)
        let owned = stack.bool(at: -1)
        stack.pop(2)
        return owned
    }

    /// The base library's `pcall` as the state opened it, kept before any sandbox replaced
    /// the globals.
    func pushRealPcall(on stack: LuaStack) {
        if let realPcall {
            stack.push(realPcall)
            return
        }
        stack.getGlobal("pcall")
        stack.pushValue(at: -1)
        realPcall = stack.ref()
    }
}
