#if canImport(Glibc)
import Glibc
#endif
import DevCenter
import LuaKit
import Synchronization

/// Ctrl-C while scripts run under schedulers.
///
/// A scheduler running a call is *armed*: it holds one of a fixed set of slots that the SIGINT
/// handler reads. The first SIGINT reaches every armed scheduler: it sets the slot's flag, asks
/// LuaKit to interrupt Lua code that is running (a loop that never calls `hdc`), and wakes a
/// scheduler asleep while Swift work is in flight; the handler then reverts to the default
/// action, so a second Ctrl-C ends the process, as in `lua`. Several schedulers can be armed at
/// once in one process (a Swift program embedding several runtimes, the tests): each has a slot
/// of its own, so none takes another's place, consumes another's Ctrl-C, or restores the
/// default action while another still runs.
///
/// The handler takes no lock and touches only what is async-signal-safe: atomics,
/// `lua_sethook` (through the interrupt handle) and `sem_post`. Arming and disarming take a
/// lock (never from the handler); disarming waits for a handler that is reading the slot, so
/// the Lua state and the semaphore it reaches outlive every use.
enum InterruptSignal {
    /// How many schedulers can be armed at once. One armed past this is not reached by Ctrl-C
    /// (its ``SchedulerInterruptHandle`` still is).
    static let capacity = 64

    /// Which scheduler holds a slot: the token ``arm(_:wakeUp:)`` returns.
    struct Arming: Sendable, Equatable {
        let slot: Int
    }

    private struct Slot: ~Copyable {
        /// ``free``, ``claimed`` (being armed or disarmed) or ``armed``.
        let phase = Atomic<Int>(InterruptSignal.free)
        /// Handlers reading the slot's target right now.
        let readers = Atomic<Int>(0)
        /// Set by a Ctrl-C, cleared by the scheduler.
        let requested = Atomic<Bool>(false)
        /// Written while the slot is claimed; the handler reads them only once it is armed (the
        /// phase's store and load order the accesses).
        var lua: LuaInterruptHandle?
        var wakeUp: UnsafeMutablePointer<sem_t>?
    }

    private static let free = 0
    private static let claimed = 1
    private static let armed = 2

    /// The slots, allocated once and never freed: the handler may read them at any time.
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<Slot> = {
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
        for index in 0..<capacity { (slots + index).initialize(to: Slot()) }
        return slots
    }()

    /// The number of armed slots; held while arming and disarming.
    private static let armedCount = LockedValue<Int>(0)

    private static let handler: @convention(c) (Int32) -> Void = { number in
        _ = signal(number, SIG_DFL)
        for slot in 0..<capacity { request(slot) }
    }

    /// What a Ctrl-C does to the scheduler in `slot`, if one is armed there.
    private static func request(_ slot: Int) {
        slots[slot].readers.wrappingAdd(1, ordering: .sequentiallyConsistent)
        if slots[slot].phase.load(ordering: .sequentiallyConsistent) == armed {
            slots[slot].requested.store(true, ordering: .sequentiallyConsistent)
            slots[slot].lua?.request()
            if let wakeUp = slots[slot].wakeUp { sem_post(wakeUp) }
        }
        slots[slot].readers.wrappingSubtract(1, ordering: .sequentiallyConsistent)
    }

    /// Arms a scheduler: Ctrl-C interrupts the Lua state of `lua` and posts `wakeUp`, until
    /// ``disarm(_:)``. Nil when ``capacity`` schedulers are armed already.
    static func arm(_ lua: LuaInterruptHandle, wakeUp: UnsafeMutablePointer<sem_t>) -> Arming? {
        let arming: Arming? = armedCount.withLock { count in
            guard let slot = (0..<capacity).first(where: { slots[$0].phase.load(ordering: .sequentiallyConsistent) == free }) else {
                return nil
            }
            slots[slot].phase.store(claimed, ordering: .sequentiallyConsistent)
            slots[slot].lua = lua
            slots[slot].wakeUp = wakeUp
            slots[slot].requested.store(false, ordering: .sequentiallyConsistent)
            slots[slot].phase.store(armed, ordering: .sequentiallyConsistent)
            count += 1
            _ = signal(SIGINT, handler)
            return Arming(slot: slot)
        }
        // A parent that blocked the signal (some test runners do) must not make Ctrl-C dead.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        return arming
    }

    /// Frees the scheduler's slot, and restores the default action when no other scheduler is
    /// armed. True when a Ctrl-C came since the last ``consume(_:)``.
    static func disarm(_ arming: Arming) -> Bool {
        armedCount.withLock { count in
            let slot = arming.slot
            slots[slot].phase.store(claimed, ordering: .sequentiallyConsistent)
            // A handler on another thread that saw the slot armed is still using its target.
            while slots[slot].readers.load(ordering: .sequentiallyConsistent) != 0 { sched_yield() }
            let requested = slots[slot].requested.exchange(false, ordering: .sequentiallyConsistent)
            slots[slot].lua = nil
            slots[slot].wakeUp = nil
            slots[slot].phase.store(free, ordering: .sequentiallyConsistent)
            count -= 1
            if count == 0 { _ = signal(SIGINT, SIG_DFL) }
            return requested
        }
    }

    /// True once after each Ctrl-C that reached the scheduler of `arming`.
    static func consume(_ arming: Arming) -> Bool {
        slots[arming.slot].requested.exchange(false, ordering: .sequentiallyConsistent)
    }

    /// Does to the scheduler of `arming` what a Ctrl-C does, without a signal (a Ctrl-C reaches
    /// every armed scheduler in the process, the tests' neighbours included).
    static func simulateSignal(reaching arming: Arming) {
        request(arming.slot)
    }
}
