import HDCLua
import LuaKit

extension Interpreter {
    /// Under `--sandbox`, turns the state's globals into the sandbox's environment before
    /// anything of the user's runs (`LUA_INIT`, `-e`, `-l`, the script, the REPL). Always
    /// sets the `sandbox` library for trusted scripts. False after reporting a usage error.
    func startSandbox() -> Bool {
        hdc.installSandboxLibrary()
        let policy: LuaSandboxPolicy?
        do {
            policy = try invocation.sandbox.policy()
        } catch {
            Diagnostics.error(error.message)
            Diagnostics.write(InterpreterOption.usage)
            lastFailure = .usage
            return false
        }
        hdc.sandbox.moduleRoots = ModuleSearchPath(ignoreEnvironment: invocation.ignoreEnvironment).moduleDirectories
        guard var policy else { return true }
        if let index = invocation.scriptIndex, !invocation.scriptIsStandardInput {
            policy.moduleRoots.append(FilePath.directory(of: invocation.arguments[index]))
        }
        do {
            try hdc.sandbox.sandboxWholeState(policy)
        } catch {
            report(error)
            return false
        }
        return true
    }
}

extension Interpreter {
    /// Under `--sandbox`, Lua's own "not enough memory" reaching the top becomes the sandbox's
    /// `memoryLimit` error, which names the limit and the option that raises it.
    func sandboxLimitError(_ error: LuaError) -> LuaError {
        guard error.kind == .memory || error.message == "not enough memory", let monitor = state.sandboxMonitorIfAny, let context = monitor.wholeState,
              let violation = monitor.limitError(for: context, memoryErrorSeen: true) else { return error }
        if let value = error.value { stack.release(value) }
        HDCError(violation).pushErrorValue(on: stack)
        return LuaError(kind: .runtime, message: HDCError(violation).description, traceback: error.traceback, value: stack.ref())
    }
}
