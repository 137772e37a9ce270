import Foundation
import LuaKit
import Testing

/// The allocator limit, the instruction hook and interrupts.
@Suite struct LuaSandboxPrimitivesTests {
    @Test func memoryLimitRefusesWithoutCrashing() throws {
        let state = try LuaState()
        state.memoryLimit = state.memoryInUse + 2_000_000
        try state.stack.load("local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(100) .. i end", chunkName: "=hog")
        do {
            try state.stack.call(arguments: 0, results: 0)
            Issue.record("expected a memory error")
        } catch {
            #expect(error.kind == .memory)
            #expect(error.message == "not enough memory")
        }
        // The state is still usable once the garbage is gone.
        state.collectGarbage()
        try state.stack.load("return 1 + 1", chunkName: "=after")
        try state.stack.call(arguments: 0, results: 1)
        #expect(state.stack.integer(at: -1) == 2)
    }

    @Test func memoryLimitCaughtByPcall() throws {
        let state = try LuaState()
        state.memoryLimit = state.memoryInUse + 1_000_000
        try state.stack.load("return pcall(string.rep, 'x', 10000000)", chunkName: "=rep")
        try state.stack.call(arguments: 0, results: 2)
        #expect(state.stack.bool(at: 1) == false)
        #expect(state.stack.string(at: 2) == "not enough memory")
    }

    @Test func memoryLimitAppliesToSwiftAllocations() throws {
        let state = try LuaState()
        state.stack.push(function: { call in
            call.stack.push(bytes: [UInt8](repeating: 0x41, count: 4_000_000))
            return .values(1)
        })
        state.stack.setGlobal("big")
        state.memoryLimit = state.memoryInUse + 1_000_000
        try state.stack.load("local ok, err = pcall(big); return ok, err", chunkName: "=big")
        try state.stack.call(arguments: 0, results: 2)
        #expect(state.stack.bool(at: 1) == false)
        #expect(state.stack.string(at: 2) == "not enough memory")
    }

    @Test func instructionHookStopsAnEndlessLoop() throws {
        let state = try LuaState()
        var calls = 0
        state.setInstructionHook(every: 1000) { stack in
            calls += 1
            guard calls >= 50 else { return .proceed }
            stack.push("instruction limit reached")
            return .raise
        }
        try state.stack.load("while true do end", chunkName: "=spin")
        #expect(throws: LuaError.self) { try state.stack.call(arguments: 0, results: 0) }
        #expect(calls == 50)
        state.removeInstructionHook()
    }

    @Test func budgetKeepsFiringAfterPcall() throws {
        let state = try LuaState()
        state.setInstructionBudget(10_000)
        try state.stack.load("""
            local caught = pcall(function() while true do end end)
            while true do end
            """, chunkName: "=spin")
        do {
            try state.stack.call(arguments: 0, results: 0)
            Issue.record("expected the budget to stop the script")
        } catch {
            #expect(error.message.hasSuffix("instruction budget exhausted"))
        }
    }

    @Test func interruptFromAnotherThread() throws {
        let state = try LuaState()
        let handle = state.interruptHandle
        state.stack.push(function: { _ in
            Thread.detachNewThread { handle.request() }
            return .none
        })
        state.stack.setGlobal("start_interrupter")
        try state.stack.load("start_interrupter() while true do end", chunkName: "=spin")
        do {
            try state.stack.call(arguments: 0, results: 0)
            Issue.record("expected an interrupt")
        } catch {
            #expect(error.message == "interrupted")
        }
        #expect(state.interruptsDelivered == 1)
    }
}
