import LuaKit
import Testing

/// Coroutines driven from Swift, and bound functions that yield.
@Suite struct LuaCoroutineTests {
    @Test func resumeYieldAndFinish() throws {
        let state = try LuaState()
        let co = LuaCoroutine(state: state)
        try co.stack.load("local a = ...; local b = coroutine.yield(a + 1); return a + b", chunkName: "=co")
        #expect(co.status == .suspended)
        co.stack.push(Int64(10))
        guard case .yielded(1) = try co.resume(arguments: 1) else { Issue.record("expected one yielded value"); return }
        #expect(co.stack.integer(at: -1) == 11)
        co.stack.pop()
        co.stack.push(Int64(5))
        guard case .finished(1) = try co.resume(arguments: 1) else { Issue.record("expected one result"); return }
        #expect(co.stack.integer(at: -1) == 15)
        #expect(co.status == .dead)
    }

    @Test func boundFunctionYieldsAndContinues() throws {
        let state = try LuaState()
        state.stack.push(function: { call in
            #expect(call.stack.isYieldable)
            let request = try call.string(1)
            call.stack.push("waiting for " + request)
            return .yield(1) { call, resumption in
                // The scheduler resumes with the result of the Swift work.
                #expect(resumption.count == 1)
                call.stack.pushValue(at: resumption.firstIndex)
                return .values(1)
            }
        })
        state.stack.setGlobal("fetch")
        let co = LuaCoroutine(state: state)
        try co.stack.load("local r = fetch('product'); return 'got ' .. r", chunkName: "=co")
        guard case .yielded(1) = try co.resume() else { Issue.record("expected a yield"); return }
        #expect(co.stack.string(at: -1) == "waiting for product")
        co.stack.pop()
        co.stack.push("Contoso Widget")
        guard case .finished(1) = try co.resume(arguments: 1) else { Issue.record("expected the end"); return }
        #expect(co.stack.string(at: -1) == "got Contoso Widget")
    }

    @Test func yieldOutsideACoroutineIsAnError() throws {
        let state = try LuaState()
        state.stack.push(function: { _ in .yield(0) { _, _ in .none } })
        state.stack.setGlobal("wait")
        try state.stack.load("return pcall(wait)", chunkName: "=main")
        try state.stack.call(arguments: 0, results: 2)
        #expect(state.stack.bool(at: 1) == false)
        #expect(state.stack.string(at: 2) == "attempt to yield from outside a coroutine")
    }

    @Test func errorInsideCoroutineCarriesTraceback() throws {
        let state = try LuaState()
        let co = LuaCoroutine(state: state)
        try co.stack.load("local function inner() error('broken step') end\ninner()", chunkName: "@workflow.lua")
        do {
            _ = try co.resume()
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .runtime)
            #expect(error.message == "workflow.lua:1: broken step")
            #expect(error.traceback?.contains("workflow.lua:2") == true)
        }
        #expect(co.status == .dead)
        co.reset()
        try co.stack.load("return 'reused'", chunkName: "=again")
        #expect(co.status == .suspended)
        guard case .finished(1) = try co.resume() else { Issue.record("expected the end"); return }
        #expect(co.stack.string(at: -1) == "reused")
    }

    @Test func swiftErrorInsideCoroutine() throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "refused by Swift" } }
        let state = try LuaState()
        state.stack.push(function: { _ in throw Refused() })
        state.stack.setGlobal("refuse")
        let co = LuaCoroutine(state: state)
        try co.stack.load("refuse()", chunkName: "=co")
        do {
            _ = try co.resume()
            Issue.record("expected the Swift error to end the coroutine")
        } catch {
            #expect(error.kind == .runtime)
            #expect(error.message == "co:1: refused by Swift", "the Swift error's text, intact, where it was raised: \(error.message)")
            #expect(error.traceback?.contains("co:1") == true, "\(error.traceback ?? "no traceback")")
        }
        #expect(co.status == .dead)
        co.release()

        // Caught by pcall inside the coroutine, with the same text (no position: pcall, a C
        // function, called it), and the coroutine goes on.
        let caught = LuaCoroutine(state: state)
        try caught.stack.load("local ok, err = pcall(refuse); coroutine.yield(ok, err); return 'after'", chunkName: "=caught")
        guard case .yielded(2) = try caught.resume() else { Issue.record("expected a yield of two values"); return }
        #expect(caught.stack.bool(at: -2) == false)
        #expect(caught.stack.string(at: -1) == "refused by Swift", "\(caught.stack.string(at: -1) ?? "nil")")
        caught.stack.pop(2)
        guard case .finished(1) = try caught.resume() else { Issue.record("expected the end"); return }
        #expect(caught.stack.string(at: -1) == "after")
        caught.release()
    }
}
