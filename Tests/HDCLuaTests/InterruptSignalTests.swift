#if canImport(Glibc)
import Glibc
#endif
import DevCenter
import Foundation
@testable import HDCLua
import LuaKit
import Testing

/// Ctrl-C with several schedulers armed in one process: each has its own slot, a Ctrl-C for
/// one is not consumed by another, and the handler stays installed while any is armed. No test
/// raises SIGINT itself: it would reach the schedulers of the tests running beside it.
@Suite struct InterruptSignalTests {
    /// A Lua state and a semaphore, as a scheduler arms them.
    final class Target {
        let state: LuaState
        let semaphore = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)

        init() throws {
            state = try LuaState()
            sem_init(semaphore, 0, 0)
        }

        deinit {
            state.close()
            sem_destroy(semaphore)
            semaphore.deallocate()
        }

        var wasWoken: Bool { sem_trywait(semaphore) == 0 }
    }

    /// The slots the threads of a test hold at a moment.
    final class Ledger: Sendable {
        let held = LockedValue<Set<Int>>([])
    }

    static var handlerIsInstalled: Bool {
        var action = sigaction()
        sigaction(SIGINT, nil, &action)
        return withUnsafeBytes(of: action.__sigaction_handler) { $0.load(as: UInt.self) } != 0
    }

    @Test func aCtrlCReachesTheArmedSchedulerItIsFor() throws {
        let first = try Target(), second = try Target()
        let a = try #require(InterruptSignal.arm(first.state.interruptHandle, wakeUp: first.semaphore))
        let b = try #require(InterruptSignal.arm(second.state.interruptHandle, wakeUp: second.semaphore))
        #expect(a != b)

        InterruptSignal.simulateSignal(reaching: a)
        #expect(first.wasWoken)
        #expect(!second.wasWoken)
        #expect(!InterruptSignal.consume(b))
        #expect(InterruptSignal.consume(a))
        #expect(!InterruptSignal.consume(a))

        InterruptSignal.simulateSignal(reaching: b)
        #expect(InterruptSignal.disarm(b), "a Ctrl-C not yet consumed is reported when disarming")
        #expect(!InterruptSignal.disarm(a))
    }

    @Test func disarmingOneSchedulerLeavesAnotherArmed() throws {
        let first = try Target(), second = try Target()
        let a = try #require(InterruptSignal.arm(first.state.interruptHandle, wakeUp: first.semaphore))
        let b = try #require(InterruptSignal.arm(second.state.interruptHandle, wakeUp: second.semaphore))
        _ = InterruptSignal.disarm(b)
        #expect(Self.handlerIsInstalled, "the default action came back while a scheduler was still armed")
        InterruptSignal.simulateSignal(reaching: a)
        #expect(first.wasWoken)
        #expect(InterruptSignal.disarm(a))
    }

    @Test func schedulersArmAndDisarmFromManyThreadsAtOnce() async throws {
        let ledger = Ledger()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let target = try Target()
                    for _ in 0..<200 {
                        let arming = try #require(InterruptSignal.arm(target.state.interruptHandle, wakeUp: target.semaphore))
                        let fresh = ledger.held.withLock { $0.insert(arming.slot).inserted }
                        #expect(fresh, "slot \(arming.slot) was given to two schedulers")
                        InterruptSignal.simulateSignal(reaching: arming)
                        #expect(InterruptSignal.consume(arming))
                        ledger.held.withLock { _ = $0.remove(arming.slot) }
                        #expect(!InterruptSignal.disarm(arming))
                        #expect(target.wasWoken)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
