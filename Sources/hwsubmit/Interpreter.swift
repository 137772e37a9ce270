import HDCLua
import LuaKit
#if canImport(Glibc)
import Glibc
#endif

/// The `lua`-compatible script runner: `lua.c`'s `pmain`, step by step, on a LuaKit state.
final class Interpreter {
    let invocation: Invocation
    let state: LuaState
    var stack: LuaStack { state.stack }
    /// The `hdc` module and the scheduler every chunk runs under.
    let hdc: HDCRuntime
    /// The exit status of the last error reported, by its kind.
    var lastFailure: ExitStatus?

    init(invocation: Invocation) throws(LuaError) {
        self.invocation = invocation
        state = try LuaState(openLibraries: false)
        hdc = HDCRuntime(state: state)
    }

    /// Runs everything the command line asks for and returns the exit status.
    func run() -> ExitStatus {
        if invocation.showVersion { Diagnostics.output(HWSubmitRelease.banner + "\n") }
        if invocation.ignoreEnvironment { state.ignoreEnvironmentVariables() }
        state.openLibraries()
        ModuleSearchPath(ignoreEnvironment: invocation.ignoreEnvironment).apply(to: stack)
        BuiltinModules.register(on: stack)
        guard let session = startHDC() else { return lastFailure ?? .scriptError }
        defer { session.end() }
        guard startSandbox() else { return lastFailure ?? .usage }
        createArgumentTable()
        state.useGenerationalCollector()
        if !invocation.ignoreEnvironment {
            guard runInitialization() else { return failureStatus }
        }
        guard runActions() else { return failureStatus }
        if invocation.scriptIndex != nil {
            guard runScript() else { return failureStatus }
        }
        if invocation.interactive {
            REPL(interpreter: self).run()
        } else if invocation.scriptIndex == nil && !invocation.executesStatement && !invocation.showVersion {
            if isatty(0) != 0 {
                Diagnostics.output(HWSubmitRelease.banner + "\n")
                REPL(interpreter: self).run()
            } else {
                guard report(doFile(nil)) else { return failureStatus }
            }
        }
        return .success
    }

    /// Exit status after a failure: by the kind of the error reported, else interrupted or a
    /// plain script error.
    private var failureStatus: ExitStatus {
        lastFailure ?? (state.interruptsDelivered > 0 ? .interrupted : .scriptError)
    }

    // MARK: Steps of pmain

    /// `arg`: the script at 0, its arguments at 1...n, the interpreter and options below 0.
    private func createArgumentTable() {
        let arguments = invocation.arguments
        let script = invocation.scriptIndex ?? 0
        stack.newTable(arrayCapacity: max(0, arguments.count - script - 1), fieldCapacity: script + 1)
        for (i, argument) in arguments.enumerated() {
            stack.push(argument)
            stack.rawSet(at: -2, index: Int64(i - script))
        }
        stack.setGlobal("arg")
    }

    /// `LUA_INIT_5_4` or `LUA_INIT`: a chunk, or `@file`.
    private func runInitialization() -> Bool {
        var name = "=LUA_INIT_5_4"
        var value = getenv("LUA_INIT_5_4")
        if value == nil {
            name = "=LUA_INIT"
            value = getenv("LUA_INIT")
        }
        guard let value else { return true }
        let text = String(cString: value)
        if text.hasPrefix("@") { return report(doFile(String(text.dropFirst()))) }
        return report(doString(text, chunkName: name))
    }

    /// `-e`, `-l` and `-W`, in order.
    private func runActions() -> Bool {
        for action in invocation.actions {
            switch action {
            case .execute(let statement):
                guard report(doString(statement, chunkName: "=(command line)")) else { return false }
            case .require(let global, let module):
                guard report(requireModule(module, as: global)) else { return false }
            case .enableWarnings:
                state.enableWarnings()
            }
        }
        return true
    }

    private func runScript() -> Bool {
        let path = invocation.scriptIsStandardInput ? nil : invocation.arguments[invocation.scriptIndex!]
        do throws(LuaError) {
            try loadSource(path)
            let count = try pushScriptArguments()
            try protectedCall(arguments: count, results: 0)
            return true
        } catch {
            return report(error)
        }
    }

    /// Pushes `arg[1]...arg[#arg]` as the main chunk's `...`.
    private func pushScriptArguments() throws(LuaError) -> Int32 {
        guard stack.getGlobal("arg") == .table else {
            stack.pop(2)
            throw LuaError(kind: .runtime, message: "'arg' is not a table")
        }
        let count = stack.rawLength(at: -1)
        guard stack.ensureCapacity(Int32(clamping: count + 3)) else {
            stack.pop(2)
            throw LuaError(kind: .runtime, message: "too many arguments to script")
        }
        for i in 0..<count { stack.rawGet(at: -1 - Int32(i), index: Int64(i + 1)) }
        stack.remove(at: -Int32(count) - 1)
        return Int32(count)
    }

    // MARK: Running chunks

    func doString(_ code: String, chunkName: String) -> LuaError? {
        do throws(LuaError) {
            try stack.load(code, chunkName: chunkName)
            try protectedCall(arguments: 0, results: 0)
            return nil
        } catch {
            return error
        }
    }

    func doFile(_ path: String?) -> LuaError? {
        do throws(LuaError) {
            try loadSource(path)
            try protectedCall(arguments: 0, results: 0)
            return nil
        } catch {
            return error
        }
    }

    /// Compiles a file of Lua source (standard input for nil). Lua's own refusal of bytecode
    /// names neither the file nor a way out, so it is replaced by one that does.
    private func loadSource(_ path: String?) throws(LuaError) {
        do {
            try stack.loadFile(path)
        } catch where error.message.hasSuffix("attempt to load a binary chunk (mode is 't')") {
            throw LuaError(
                kind: error.kind,
                message: "\(path ?? "stdin") is precompiled Lua bytecode; hwsubmit runs Lua source only: run the .lua file it was compiled from")
        }
    }

    private func requireModule(_ module: String, as global: String) -> LuaError? {
        do throws(LuaError) {
            stack.getGlobal("require")
            stack.push(module)
            try protectedCall(arguments: 1, results: 1)
            stack.setGlobal(global)
            return nil
        } catch {
            return error
        }
    }

    /// A protected call, run as the main task of the `hdc` scheduler (so `hdc` calls in it run
    /// concurrently), during which Ctrl-C interrupts the script (and a second one ends the
    /// process), as in `lua`. A script waits for the tasks it spawned; a REPL input passes
    /// `waitForSpawnedTasks: false` and its tasks go on under later inputs.
    func protectedCall(arguments: Int32, results: Int32, waitForSpawnedTasks: Bool = true) throws(LuaError) {
        state.sandboxMonitorIfAny?.renewWholeStateActivation()
        try hdc.scheduler.call(on: stack, arguments: arguments, results: results, waitForSpawnedTasks: waitForSpawnedTasks)
    }

    /// Prints an error as `hwsubmit: message` and its traceback; true when there was none.
    @discardableResult
    func report(_ error: LuaError?, prefixed: Bool = true) -> Bool {
        guard let error = error.map(sandboxLimitError) else { return true }
        lastFailure = exitStatus(for: error)
        if let value = error.value { stack.release(value) }
        // A script's own error may quote a SAS URL or a secret it was given (`error("cannot
        // fetch " .. url)`): what reaches the terminal goes through the run's redactor.
        let text = hdc.redactor.redact(error.messageWithTraceback)
        if prefixed {
            Diagnostics.error(text)
        } else {
            Diagnostics.write(text + "\n")
        }
        return false
    }
}
