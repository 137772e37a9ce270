import DevCenter
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
    /// load from files, inside the sandbox. What sandboxed code prints goes through the run's
    /// redactor and shows terminal control characters as `\27` (``TerminalText``): a module
    /// from another team can neither print a SAS signature it was handed nor send the terminal
    /// an escape sequence (one that sets the clipboard, say).
    var environment: LuaSandboxEnvironment {
        let redactor = runtime.redactor
        return LuaSandboxEnvironment(
            modules: [HDCModule.name: ["spawn", "parallel"]], preloads: ["json", "fs", "archive", "inf", "log"],
            printFilter: { TerminalText.escapingControls(redactor.redact($0)) })
    }

    unowned let runtime: HDCRuntime
    /// Directories `require` searches in every sandbox (hwsubmit's stdlib).
    public var moduleRoots: [String] = []
    private var timers: [Int: DeadlineTimer] = [:]

    init(runtime: HDCRuntime) {
        self.runtime = runtime
        let monitor = runtime.state.sandboxMonitor
        monitor.errorValue = { stack, violation in HDCError(violation).pushErrorValue(on: stack) }
        monitor.onActivation = { [unowned self] context in armTimer(for: context) }
        monitor.onDeactivation = { [unowned self] context in
            if let timer = timers.removeValue(forKey: context.id) { retire(timer) }
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
        var environment = environment
        environment.wholeState = true
        try environment.push(for: context, on: state.stack)
        state.stack.replaceGlobals()
        monitor.sandboxWholeState(context)
    }

    private func armTimer(for context: LuaSandboxContext) {
        guard let deadline = context.deadline else { return }
        let timer = DeadlineTimer(handle: runtime.scheduler.interruptHandle)
        if let previous = timers[context.id] { retire(previous) }
        timers[context.id] = timer
        let delay = max(0, deadline - LuaSandboxContext.now())
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { timer.fire() }
    }

    /// Stops a timer whose activation has ended. One that fired as the sandboxed code ended
    /// (the code's own check of the clock may have stopped it first) asked for an interrupt
    /// that is no longer wanted: it is withdrawn, so it cannot stop the host's code, or the
    /// next chunk, later.
    private func retire(_ timer: DeadlineTimer) {
        guard timer.cancel() else { return }
        runtime.state.withdrawPendingInterrupt()
        _ = runtime.scheduler.interruptHandle.consume()
    }

    /// Interrupts the script at a sandbox's deadline, unless cancelled first. Firing and
    /// cancelling exclude each other, so the caller of ``cancel()`` knows whether an interrupt
    /// was requested (and withdraws it when the sandbox has ended anyway).
    final class DeadlineTimer: Sendable {
        private let handle: SchedulerInterruptHandle
        private let state = LockedValue<(cancelled: Bool, fired: Bool)>((false, false))

        init(handle: SchedulerInterruptHandle) {
            self.handle = handle
        }

        func fire() {
            state.withLock { state in
                guard !state.cancelled, !state.fired else { return }
                state.fired = true
                handle.request()
            }
        }

        /// Stops the timer; true when it had already fired.
        @discardableResult
        func cancel() -> Bool {
            state.withLock { state in
                state.cancelled = true
                return state.fired
            }
        }
    }
}
