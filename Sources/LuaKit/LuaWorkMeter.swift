import CLua

/// Charges the work a bound Swift function does in proportion to its input (encoding JSON,
/// writing a log line, zipping a folder) to the limits of the code that called it, as the
/// metered C functions do for theirs (`hws_charge` in `shim.h`).
///
/// One step is about one VM instruction's worth of work. Every hook-count steps, the meter
/// runs the state's instruction hook as if it had fired (a sandbox counts the instructions,
/// checks its clock and raises a limit it has exceeded) and delivers a pending interrupt
/// (Ctrl-C, a sandbox's deadline). The bytes the function holds in Swift memory are counted
/// against the state's memory limit with ``hold(_:)``. What stops the work is thrown as a
/// ``LuaWorkStopped``: let it propagate, and Lua raises what the hook, the interrupt or the
/// memory limit would have raised.
///
/// ```swift
/// var meter = LuaWorkMeter(call.stack)
/// for item in items {
///     try meter.charge(1 + item.count >> 5)
///     buffer.append(item)
///     try meter.hold(buffer.capacity)
/// }
/// ```
public struct LuaWorkMeter {
    private let stack: LuaStack
    private let host: UnsafeMutablePointer<hws_host>
    private let quantum: Int
    private var pending = 0

    /// Steps per check without an instruction hook (interrupts only): `HWS_CHARGE_QUANTUM`.
    static let defaultQuantum = 4096

    /// A meter for work done on behalf of the code running on `stack`'s thread.
    public init(_ stack: LuaStack) {
        self.stack = stack
        host = hws_host_of(stack.pointer)
        let count = Int(host.pointee.hook_count)
        quantum = count > 0 ? count : LuaWorkMeter.defaultQuantum
    }

    /// Charges `steps` steps of work.
    @inline(__always)
    public mutating func charge(_ steps: Int = 1) throws(LuaWorkStopped) {
        pending &+= steps
        if pending >= quantum { try settle() }
    }

    /// Says that the function now holds `bytes` of Swift memory for its result (a buffer's
    /// capacity); stops when the state's memory limit cannot have them besides what Lua holds
    /// now. No collection is run here: a collection runs finalizers, which could change a
    /// table the function is traversing (and `lua_next` would then raise through Swift).
    public mutating func hold(_ bytes: Int) throws(LuaWorkStopped) {
        let limit = Int(host.pointee.limit)
        guard limit != 0, Int(host.pointee.used) + bytes > limit else { return }
        throw LuaWorkStopped.memory(stack.state.sandboxMonitorIfAny?.memoryExceeded(on: stack))
    }

    private mutating func settle() throws(LuaWorkStopped) {
        while pending >= quantum {
            pending -= quantum
            if host.pointee.interrupt_pending != 0 { throw .interrupt }
            guard let hook = stack.state.instructionHook else { continue }
            let top = stack.top
            switch hook(stack) {
            case .proceed, .yield:
                // A yield waits for the next instruction: a C function cannot yield here.
                stack.top = top
            case .raise:
                if stack.top == top { stack.push("interrupted by the instruction hook") }
                let value = stack.ref()
                stack.top = top
                throw .raise(value)
            }
        }
    }
}

/// Why a ``LuaWorkMeter`` stopped the work: raised in Lua as what stopped it.
public enum LuaWorkStopped: Error, LuaErrorValue, Sendable {
    /// The instruction hook raised this value (a sandbox's exceeded limit).
    case raise(LuaRef)
    /// An interrupt was pending: it is delivered.
    case interrupt
    /// The memory limit: the sandbox's `memoryLimit` error when one is running, else Lua's
    /// "not enough memory".
    case memory(LuaSandboxViolation?)

    public func pushErrorValue(on stack: LuaStack) {
        switch self {
        case .raise(let value):
            stack.push(value)
            stack.release(value)
        case .interrupt:
            let host = stack.state.host
            host.pointee.interrupt_pending = 0
            host.pointee.interrupts_delivered += 1
            luaKitInterrupted(stack.pointer)
        case .memory(let violation):
            if let violation { violation.pushErrorValue(on: stack) } else { stack.push("not enough memory") }
        }
    }
}

extension LuaSandboxMonitor {
    /// Marks the memory limit of the sandbox running on `stack`'s thread as exceeded (so it is
    /// raised again at every check until the call into the sandbox ends) and returns its
    /// error; nil when no sandbox with a memory limit runs there.
    func memoryExceeded(on stack: LuaStack) -> LuaSandboxViolation? {
        guard let context = context(for: stack), context.policy.memoryLimit != nil else { return nil }
        return context.markExceeded(.memory)
    }
}
