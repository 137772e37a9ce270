import LuaKit
import Testing

/// Work done in Swift on a script's behalf (the JSON codec, bound functions with a
/// `LuaWorkMeter`) meets the instruction hook's limits, the memory limit and interrupts.
@Suite struct LuaWorkMeterTests {
    func evaluate(_ state: LuaState, _ code: String) throws -> String? {
        try state.stack.load(code, chunkName: "=(meter)")
        try state.stack.call(arguments: 0, results: 1)
        defer { state.stack.pop() }
        return state.stack.string(at: -1)
    }

    /// The value is made first, with no budget; then the encoding or decoding alone meets it.
    @Test(arguments: [
        ("value = {} for _ = 1, 50 do value = {value, value} end", "json.encode"),
        ("value = '[' .. ('1,'):rep(1000000) .. '1]'", "json.decode"),
    ])
    func anInstructionBudgetStopsTheEncoderAndTheDecoder(_ prepare: String, _ function: String) throws {
        let state = try LuaState()
        state.stack.pushJSONLibrary()
        state.stack.setGlobal("json")
        _ = try evaluate(state, prepare)
        state.setInstructionBudget(100_000, raiseRepeatedly: false)
        let seen = try evaluate(state, "local ok, err = pcall(\(function), value) return tostring(ok) .. ' ' .. err")
        #expect(seen == "false instruction budget exhausted")
    }

    @Test func theEncodersTextCountsAgainstTheMemoryLimit() throws {
        let state = try LuaState()
        state.stack.pushJSONLibrary()
        state.stack.setGlobal("json")
        state.collectGarbage()
        state.memoryLimit = state.memoryInUse + (8 << 20)
        let seen = try evaluate(state, """
            local t = {("x"):rep(1 << 20)}
            for _ = 1, 40 do t = {t, t} end
            local ok, err = pcall(json.encode, t)
            return tostring(ok) .. " " .. err
            """)
        #expect(seen == "false not enough memory")
        #expect(state.peakMemory < state.memoryLimit! + (1 << 20))
    }

    @Test func aPendingInterruptIsDeliveredInsideTheWork() throws {
        let state = try LuaState()
        var steps = 0
        state.stack.push(function: { call in
            call.state.interruptHandle.request()
            var meter = LuaWorkMeter(call.stack)
            while steps < 1_000_000 {
                try meter.charge()
                steps += 1
            }
            return .none
        })
        state.stack.setGlobal("work")
        let seen = try evaluate(state, "local ok, err = pcall(work) return tostring(ok) .. ' ' .. err")
        #expect(seen == "false interrupted")
        #expect(steps < 10_000)
        #expect(state.interruptsDelivered == 1)
    }
}
