import LuaKit
import Testing

/// Bound functions that call back into Lua with `.call(arguments:results:then:)`, and
/// interrupts a host withdraws after delivering them itself.
@Suite struct LuaCallbackTests {
    /// `each(t, f)`: calls `f(v)` for every item from Swift, one `.call` at a time, and
    /// returns how many calls returned true.
    private func stateWithEach() throws -> LuaState {
        let state = try LuaState()
        state.stack.push(function: { call in
            try call.table(1)
            try call.function(2)
            let count = call.stack.rawLength(at: 1)
            var index = 0
            var trues: Int64 = 0
            func next(_ call: LuaCall) -> LuaReturn {
                index += 1
                guard index <= count else {
                    call.stack.push(trues)
                    return .values(1)
                }
                call.stack.pushValue(at: 2)
                call.stack.rawGet(at: 1, index: Int64(index))
                return .call(arguments: 1, results: 1) { call, returned in
                    #expect(returned.count == 1)
                    if call.stack.bool(at: returned.firstIndex) { trues += 1 }
                    call.stack.top = 2
                    return next(call)
                }
            }
            return next(call)
        })
        state.stack.setGlobal("each")
        return state
    }

    @Test func callsBackAndContinues() throws {
        let state = try stateWithEach()
        try state.stack.load("return each({1, 2, 3, 4}, function(x) return x % 2 == 0 end)", chunkName: "=test")
        try state.stack.call(arguments: 0, results: 1)
        #expect(state.stack.integer(at: -1) == 2)
    }

    @Test func manyCallsDoNotGrowTheStack() throws {
        let state = try stateWithEach()
        try state.stack.load("local t = {} for i = 1, 100000 do t[i] = i end return each(t, function() return true end)", chunkName: "=test")
        try state.stack.call(arguments: 0, results: 1)
        #expect(state.stack.integer(at: -1) == 100000)
    }

    @Test func theCalledFunctionMayYield() throws {
        let state = try stateWithEach()
        let co = LuaCoroutine(state: state)
        try co.stack.load("return each({10, 20}, function(x) return coroutine.yield(x) end)", chunkName: "=co")
        guard case .yielded(1) = try co.resume() else { Issue.record("expected a yield"); return }
        #expect(co.stack.integer(at: -1) == 10)
        co.stack.pop()
        co.stack.push(true)
        guard case .yielded(1) = try co.resume(arguments: 1) else { Issue.record("expected a second yield"); return }
        #expect(co.stack.integer(at: -1) == 20)
        co.stack.pop()
        co.stack.push(false)
        guard case .finished(1) = try co.resume(arguments: 1) else { Issue.record("expected the end"); return }
        #expect(co.stack.integer(at: -1) == 1)
    }

    @Test func errorsOfTheCalledFunctionPropagate() throws {
        let state = try stateWithEach()
        try state.stack.load("return pcall(each, {1}, function() error({code = 'broken'}) end)", chunkName: "=test")
        try state.stack.call(arguments: 0, results: 2)
        #expect(state.stack.bool(at: 1) == false)
        state.stack.rawGet(at: 2, "code")
        #expect(state.stack.string(at: -1) == "broken")
    }

    @Test func allResultsReachTheContinuation() throws {
        let state = try LuaState()
        state.stack.push(function: { call in
            call.stack.pushValue(at: 1)
            return .call(arguments: 0, results: LuaStack.allResults) { call, returned in
                call.stack.push(Int64(returned.count))
                return .values(returned.count + 1)
            }
        })
        state.stack.setGlobal("count_results")
        try state.stack.load("return count_results(function() return 'a', 'b', 'c' end)", chunkName: "=test")
        try state.stack.call(arguments: 0, results: LuaStack.allResults)
        #expect(state.stack.top == 4)
        #expect(state.stack.string(at: 1) == "a")
        #expect(state.stack.integer(at: 4) == 3)
    }

    @Test func withdrawnInterruptIsNotRaised() throws {
        let state = try LuaState()
        state.interruptHandle.request()
        #expect(state.withdrawPendingInterrupt())
        #expect(!state.withdrawPendingInterrupt())
        try state.stack.load("local n = 0 for i = 1, 1000 do n = n + i end return n", chunkName: "=test")
        try state.stack.call(arguments: 0, results: 1)
        #expect(state.stack.integer(at: -1) == 500500)
        #expect(state.interruptsDelivered == 0)
    }
}

/// Positions of callers, for messages that say where something was started.
@Suite struct LuaPositionTests {
    @Test func boundFunctionSeesItsCallersLine() throws {
        let state = try LuaState()
        var seen: String?
        state.stack.push(function: { call in
            seen = call.stack.position()
            return .none
        })
        state.stack.setGlobal("here")
        try state.stack.load("local x = 1\nhere()", chunkName: "@workflow.lua")
        try state.stack.call(arguments: 0, results: 0)
        #expect(seen == "workflow.lua:2")
    }

    @Test func noPositionPastTheStack() throws {
        let state = try LuaState()
        #expect(state.stack.position(level: 5) == nil)
    }
}
