import LuaKit
import Testing

private struct ServiceFailure: Error, CustomStringConvertible {
    let description = "the service said no"
}

/// An error that raises a table, as service errors will.
private struct CodedError: LuaErrorValue {
    let code: String
    func pushErrorValue(on stack: LuaStack) {
        stack.push(["code": LuaValue(code), "status": 404] as [String: LuaValue])
    }
}

/// Bound Swift functions: arguments, results, and every way of failing.
@Suite struct LuaFunctionTests {
    private func state(with name: String, _ function: @escaping LuaFunction) throws -> LuaState {
        let state = try LuaState()
        state.stack.push(function: function)
        state.stack.setGlobal(name)
        return state
    }

    private func run(_ state: LuaState, _ code: String, results: Int32 = LuaStack.allResults) throws(LuaError) {
        try state.stack.load(code, chunkName: "=test")
        try state.stack.call(arguments: 0, results: results)
    }

    @Test func argumentsAndResults() throws {
        let state = try state(with: "add") { call in
            let sum = try call.integer(1) + call.integer(2)
            let label = try call.string(3, default: "none")
            call.stack.push(sum)
            call.stack.push(label)
            return .values(2)
        }
        try run(state, "return add(2, 40)")
        #expect(state.stack.integer(at: 1) == 42)
        #expect(state.stack.string(at: 2) == "none")
    }

    @Test func argumentErrorsUseLuasWording() throws {
        let state = try state(with: "create_submission") { call in
            _ = try call.integer(1)
            return .none
        }
        try run(state, "return pcall(create_submission, 'x')")
        #expect(state.stack.bool(at: 1) == false)
        #expect(state.stack.string(at: 2) == "bad argument #1 to 'create_submission' (number expected, got string)")
        state.stack.top = 0
        try run(state, "return pcall(create_submission, 1.5)")
        #expect(state.stack.string(at: 2) == "bad argument #1 to 'create_submission' (number has no integer representation)")
        state.stack.top = 0
        try run(state, "return pcall(create_submission)")
        #expect(state.stack.string(at: 2) == "bad argument #1 to 'create_submission' (number expected, got no value)")
    }

    @Test func argumentErrorCarriesCallerPosition() throws {
        let state = try state(with: "needs_table") { call in
            try call.table(1)
            return .none
        }
        do {
            try state.stack.load("local x = 1\nneeds_table(x)", chunkName: "@workflow.lua")
            try state.stack.call(arguments: 0, results: 0)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "workflow.lua:2: bad argument #1 to 'needs_table' (table expected, got number)")
            #expect(error.traceback?.contains("workflow.lua:2: in main chunk") == true)
        }
    }

    @Test func thrownSwiftErrorIsCaughtByPcallWithMessage() throws {
        let state = try state(with: "fail") { _ in throw ServiceFailure() }
        try run(state, "return pcall(function() fail() end)")
        #expect(state.stack.bool(at: 1) == false)
        #expect(state.stack.string(at: 2) == "test:1: the service said no")
    }

    @Test func errorValueKeepsIdentityAndReachesTheHost() throws {
        let state = try state(with: "fetch") { _ in throw CodedError(code: "entityNotFound") }
        try run(state, "local ok, err = pcall(fetch); return ok, err.code, err.status")
        #expect(state.stack.bool(at: 1) == false)
        #expect(state.stack.string(at: 2) == "entityNotFound")
        #expect(state.stack.integer(at: 3) == 404)
        state.stack.top = 0
        do {
            try run(state, "fetch()")
            Issue.record("expected an error")
        } catch {
            let ref = try #require(error.value)
            state.stack.push(ref)
            #expect(try state.stack.value(at: -1)["code"] == "entityNotFound")
            state.stack.release(ref)
        }
    }

    @Test func luaErrorFromNestedCallPropagatesUnchanged() throws {
        let state = try state(with: "call_back") { call in
            try call.function(1)
            call.stack.pushValue(at: 1)
            try call.stack.call(arguments: 0, results: 0)
            return .none
        }
        try run(state, "local e = {}; local ok, got = pcall(call_back, function() error(e) end); return got == e")
        #expect(state.stack.bool(at: 1))
    }

    @Test func tableErrorDescribedByTostring() throws {
        let state = try LuaState()
        do {
            try run(state, "error(setmetatable({}, {__tostring = function() return 'custom failure' end}))")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "custom failure")
            #expect(error.value != nil)
        }
    }

    @Test func libraryRegistration() throws {
        let state = try LuaState()
        state.stack.push(library: [
            LuaFunctionEntry("double") { call in
                call.stack.push(try call.number(1) * 2)
                return .values(1)
            },
            LuaFunctionEntry("upper") { call in
                call.stack.push(try call.string(1).uppercased())
                return .values(1)
            },
        ])
        state.stack.setGlobal("lib")
        try run(state, "return lib.double(21), lib.upper('abc')")
        #expect(state.stack.number(at: 1) == 42)
        #expect(state.stack.string(at: 2) == "ABC")
    }

    @Test func upvaluesReachTheFunction() throws {
        let state = try LuaState()
        state.stack.push("captured")
        state.stack.push(function: { call in
            call.stack.pushValue(at: call.upvalueIndex(1))
            return .values(1)
        }, upvalues: 1)
        state.stack.setGlobal("get")
        try run(state, "return get()")
        #expect(state.stack.string(at: 1) == "captured")
    }

    @Test func closuresAreReleasedWhenCollected() throws {
        final class Token {}
        weak var weakToken: Token?
        let state = try LuaState()
        do {
            let token = Token()
            weakToken = token
            state.stack.push(function: { _ in _ = token; return .none })
            state.stack.pop()
        }
        state.collectGarbage()
        #expect(weakToken == nil)
    }

    @Test func protectedHelpersHonourMetamethods() throws {
        let state = try LuaState()
        try run(state, "return setmetatable({}, {__index = function(_, k) return k .. '!' end, __tostring = function() return 'T' end})", results: 1)
        state.stack.push("key")
        try state.stack.get(at: 1)
        #expect(state.stack.string(at: -1) == "key!")
        #expect(state.stack.describe(at: 1) == "T")
    }
}
