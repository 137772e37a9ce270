import CLua

/// Builds the environment table (`_ENV`) sandboxed code runs in, in the same Lua state as its
/// host. See ``LuaSandboxPrelude`` for what it holds.
///
/// ```swift
/// let context = state.sandboxMonitor.makeContext(policy)
/// try LuaSandboxEnvironment(modules: ["hdc": ["spawn", "parallel"]], preloads: ["json"])
///     .push(for: context, on: stack)          // the environment, on top of the stack
/// ```
public struct LuaSandboxEnvironment: Sendable {
    /// Host modules (globals) the sandbox sees as read-only views, each with the names of its
    /// functions that start new tasks from a function argument.
    public var modules: [String: [String]]
    /// Entries of the host's `package.preload` the sandbox's `require` may use.
    public var preloads: [String]
    /// True for a sandbox that is the whole state (`hwsubmit --sandbox`): no thread marking,
    /// and `string.dump` is removed from the state itself, as no trusted Lua code remains.
    public var wholeState: Bool
    /// What the text sandboxed code prints goes through before it reaches standard output (the
    /// host's redaction, say); nil prints it as Lua's `print` does. The text is the whole
    /// line, tabs and newline included.
    public var printFilter: (@Sendable (String) -> String)?

    public init(
        modules: [String: [String]] = [:], preloads: [String] = [], wholeState: Bool = false,
        printFilter: (@Sendable (String) -> String)? = nil
    ) {
        self.modules = modules
        self.preloads = preloads
        self.wholeState = wholeState
        self.printFilter = printFilter
    }

    /// Pushes a new environment for `context`, built from the state's current globals.
    public func push(for context: LuaSandboxContext, on stack: LuaStack) throws(LuaError) {
        let monitor = stack.state.sandboxMonitor
        stack.ensureCapacity(8)
        try monitor.pushCompiled(LuaSandboxPrelude.source, chunkName: LuaSandboxPrelude.chunkName, keptIn: \.builder, on: stack)
        stack.pushGlobalTable()
        pushPrimitives(for: context, on: stack)
        monitor.pushSharedTables(on: stack)
        pushOptions(on: stack)
        try stack.call(arguments: 4, results: 1)
        if wholeState {
            // The string metatable's __index is the real `string` table: without this,
            // ("").dump would still reach it.
            if stack.getGlobal("string") == .table {
                stack.pushNil()
                stack.rawSet(at: -2, "dump")
            }
            stack.pop()
        }
    }

    private func pushOptions(on stack: LuaStack) {
        stack.newTable(fieldCapacity: 2)
        stack.newTable(fieldCapacity: modules.count)
        for (name, starters) in modules {
            stack.newTable(arrayCapacity: starters.count)
            for (i, starter) in starters.enumerated() {
                stack.push(starter)
                stack.rawSet(at: -2, index: Int64(i + 1))
            }
            stack.rawSet(at: -2, name)
        }
        stack.rawSet(at: -2, "modules")
        stack.newTable(arrayCapacity: preloads.count)
        for (i, name) in preloads.enumerated() {
            stack.push(name)
            stack.rawSet(at: -2, index: Int64(i + 1))
        }
        stack.rawSet(at: -2, "preloads")
    }

    /// The bound Swift functions through which the environment checks the policy.
    private func pushPrimitives(for context: LuaSandboxContext, on stack: LuaStack) {
        stack.newTable(fieldCapacity: 6)
        stack.push(function: { call in
            throw LuaSandboxViolation.forbidden(try call.string(1))
        })
        stack.rawSet(at: -2, "forbid")
        stack.push(function: { call in
            let path = try call.string(1)
            call.stack.push(try context.checkRead(path))
            return .values(1)
        })
        stack.rawSet(at: -2, "check_read")
        stack.push(function: { call in
            let name = try call.string(1)
            if let value = context.environmentVariable(name) {
                call.stack.push(value)
                return .values(1)
            }
            call.stack.pushNil()
            guard !context.policy.environmentVariables.contains(name) else { return .values(1) }
            // nil as for an unset variable, so `os.getenv(X) or default` works, and why.
            call.stack.push("sandbox: \(name) is not granted; grant it with --allow-env \(name) (a policy's env = {\"\(name)\"})")
            return .values(2)
        })
        stack.rawSet(at: -2, "getenv")
        stack.push(function: { call in
            switch LuaSandboxModuleSearch(confinement: context.modules).find(try call.string(1)) {
            case .found(let path):
                call.stack.push(path)
                return .values(1)
            case .notFound(let tried):
                call.stack.pushNil()
                call.stack.push(tried)
                return .values(2)
            }
        })
        stack.rawSet(at: -2, "find_module")
        stack.push(LuaSandboxModuleSearch(confinement: context.modules).pathDescription)
        stack.rawSet(at: -2, "module_path")
        if let printFilter {
            stack.push(function: { call in
                LuaStandardStreams.writeOutput(printFilter(try call.string(1)))
                return .none
            })
            stack.rawSet(at: -2, "write_output")
        }
        if !wholeState {
            stack.push(function: { call in
                call.state.sandboxMonitor.mark(call.stack, context: context)
                return .none
            })
            stack.rawSet(at: -2, "mark")
        }
    }
}

extension LuaSandboxMonitor {
    /// Pushes the function `source` compiles to, compiled once per state and kept in `slot`.
    func pushCompiled(
        _ source: String, chunkName: String, keptIn slot: ReferenceWritableKeyPath<LuaSandboxMonitor, LuaRef?>, on stack: LuaStack
    ) throws(LuaError) {
        if let compiled = self[keyPath: slot] {
            stack.push(compiled)
            return
        }
        try stack.load(source, chunkName: chunkName)
        stack.pushValue(at: -1)
        self[keyPath: slot] = stack.ref()
    }

    /// Pushes the state-wide tables every sandbox shares: the read-only views of host tables
    /// (weak, by table), the set of locked tables (weak), the sandboxes' own metatables
    /// (weak), the tables behind the read-only views of the sandboxes' library copies (weak,
    /// by view), the fields hidden from views and the
    /// sealed metatables of the host's values (``LuaStack/sealMetatable(at:)``).
    func pushSharedTables(on stack: LuaStack) {
        if let shared {
            stack.push(shared)
            return
        }
        stack.newTable(fieldCapacity: 6)
        for name in ["views", "locked", "owned", "backing"] {
            stack.newTable()
            stack.newTable(fieldCapacity: 1)
            stack.push("k")
            stack.rawSet(at: -2, "__mode")
            stack.setMetatable(at: -2)
            stack.rawSet(at: -2, name)
        }
        stack.newTable()
        if stack.pushLoadedLibrary("string") == .table {
            guardStringDump(inTableAt: -1, on: stack)
            stack.newTable(fieldCapacity: 1)
            stack.push(true)
            stack.rawSet(at: -2, "dump")
            _ = stack.rawSet(at: -3)
        } else {
            stack.pop()
        }
        stack.rawSet(at: -2, "hidden")
        stack.pushHostMetatables()
        stack.rawSet(at: -2, "sealed")
        stack.pushValue(at: -1)
        shared = stack.ref()
    }

    /// Replaces `dump` in the state's `string` table (at `index`) with a function that refuses
    /// when called from a sandbox and is `string.dump` otherwise. The sandboxes' own `string`
    /// has no `dump`, but strings share one metatable whose `__index` is the state's `string`,
    /// so `("").dump` inside `sandbox.run` reaches this one.
    private func guardStringDump(inTableAt index: Int32, on stack: LuaStack) {
        let table = stack.absolute(index)
        guard stack.rawGet(at: table, "dump") == .function else {
            stack.pop()
            return
        }
        stack.push(function: { call in
            guard call.state.sandboxContext(for: call.stack) == nil else { throw LuaSandboxViolation.forbidden("string.dump") }
            call.stack.pushValue(at: call.upvalueIndex(1))
            call.stack.insert(at: 1)
            return .call(arguments: call.argumentCount - 1, results: 1) { _, _ in .values(1) }
        }, upvalues: 1)
        stack.rawSet(at: table, "dump")
    }
}

extension LuaStack {
    /// Pops a table and makes it the state's global table (`LUA_RIDX_GLOBALS`): chunks loaded
    /// from now on get it as their `_ENV`, and Swift's ``getGlobal(_:)`` reads it.
    public func replaceGlobals() {
        lua_rawseti(pointer, hws_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
    }
}

extension LuaStack {
    /// Pops a table and makes it the `_ENV` of the main chunk at `index` (its first upvalue),
    /// as `load(code, name, "t", env)` does.
    public func setChunkEnvironment(at index: Int32) {
        _ = lua_setupvalue(pointer, index, 1)
    }
}
