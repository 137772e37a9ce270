import Foundation
import LuaKit

/// What the `hdc` runtime adds to LuaKit's sandboxes: refusals and exceeded limits raised as
/// `hdc.Error` objects (kind `sandbox`), `hdc` given to sandboxed code with its write
/// operations gated (``SandboxGate``), and a time limit that also ends waits on the network:
/// at the deadline a timer interrupts the scheduler, whose waits then fail with the
/// `timeLimit` error rather than Ctrl-C's.
public final class SandboxSupport {
    /// The environment every sandbox of hwsubmit gets: `hdc` (with `spawn` and `parallel`
    /// marking the tasks they start), the `json` library, and the stdlib's bound modules
    /// (`fs`, `archive` and `inf` confined by ``SandboxGate``, `log`); the stdlib's Lua modules
    /// load from files, inside the sandbox.
    public static let environment = LuaSandboxEnvironment(
        modules: [HDCModule.name: ["spawn", "parallel"]], preloads: ["json", "fs", "archive", "inf", "log"])

    unowned let runtime: HDCRuntime
    /// Directories `require` searches in every sandbox (hwsubmit's stdlib).
    public var moduleRoots: [String] = []
    private var timers: [Int: DispatchWorkItem] = [:]

    init(runtime: HDCRuntime) {
        self.runtime = runtime
        let monitor = runtime.state.sandboxMonitor
        monitor.errorValue = { stack, violation in HDCError(violation).pushErrorValue(on: stack) }
        monitor.onActivation = { [unowned self] context in armTimer(for: context) }
        monitor.onDeactivation = { [unowned self] context in
            timers.removeValue(forKey: context.id)?.cancel()
        }
        weak let weakMonitor = monitor
        runtime.scheduler.interruptReason = {
            let now = LuaSandboxContext.now()
            for context in weakMonitor?.activeContexts ?? [] {
                if let deadline = context.deadline, now >= deadline { return HDCError(context.markExceeded(.time)) }
            }
            return .interrupted()
        }
    }

    /// Runs the whole state in a sandbox with `policy` (`hwsubmit --sandbox`): the globals
    /// become the sandbox's environment, so every chunk loaded from now on runs in it.
    public func sandboxWholeState(_ policy: LuaSandboxPolicy) throws(LuaError) {
        var policy = policy
        policy.moduleRoots = moduleRoots + policy.moduleRoots
        let state = runtime.state
        let monitor = state.sandboxMonitor
        let context = monitor.makeContext(policy)
        var environment = SandboxSupport.environment
        environment.wholeState = true
        try environment.push(for: context, on: state.stack)
        state.stack.replaceGlobals()
        monitor.sandboxWholeState(context)
    }

    private func armTimer(for context: LuaSandboxContext) {
        guard let deadline = context.deadline else { return }
        let handle = runtime.scheduler.interruptHandle
        let work = DispatchWorkItem { handle.request() }
        timers[context.id]?.cancel()
        timers[context.id] = work
        let delay = max(0, deadline - LuaSandboxContext.now())
        DispatchQueue.global().asyncAfter(deadline: .now() + delay, execute: work)
    }
}
