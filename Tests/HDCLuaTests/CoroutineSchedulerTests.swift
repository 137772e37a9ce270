import Foundation
import HDCLua
import LuaKit
import Testing

/// The scheduler: tasks, waits, host yields through the script's own coroutines and through
/// places that cannot yield, deadlocks, failures nobody waited for, and interrupts.
@Suite struct CoroutineSchedulerTests {
    /// The slow task waits, yielding, until the quick one has run: an order set by events,
    /// not by how long two sleeps take on a busy machine.
    @Test func tasksInterleaveWhileTheyWait() async throws {
        let order = try await ScriptHarness.text("""
            local log, quick_done = {}, false
            local slow = hdc.spawn(function()
              repeat hdc.sleep(0.001) until quick_done
              log[#log + 1] = "slow" return "s"
            end)
            local quick = hdc.spawn(function() hdc.sleep(0.01) log[#log + 1] = "quick" quick_done = true return "q", 2 end)
            log[#log + 1] = "main"
            local a = slow:wait()
            local b, n = quick:wait()
            return table.concat(log, ",") .. " " .. a .. b .. n
            """)
        #expect(order == "main,quick,slow sq2")
    }

    @Test func theRunWaitsForSpawnedTasks() async throws {
        let done = try await ScriptHarness.on { script in
            _ = try script.text("done = false; hdc.spawn(function() hdc.sleep(0.05) done = true end)")
            return try script.text("return done")
        }
        #expect(done == "true")
    }

    @Test func aTaskFailureNobodyWaitedForFailsTheRun() async throws {
        let failure = try await ScriptHarness.failure("hdc.spawn(function() error('lost in a task') end)")
        #expect(failure?.message.contains("lost in a task") == true)
    }

    @Test func waitReraisesTheTasksErrorObject() async throws {
        let text = try await ScriptHarness.text("""
            local t = hdc.spawn(function() hdc.sleep(0) error({code = "mine"}) end)
            local ok, err = pcall(t.wait, t)
            return tostring(ok) .. " " .. err.code .. " " .. t:status()
            """)
        #expect(text == "false mine failed")
    }

    @Test func parallelKeepsInputOrderAndCollectsFailures() async throws {
        let text = try await ScriptHarness.text("""
            local results, failures = hdc.parallel({5, 4, 3, 2, 1}, function(x, i)
              hdc.sleep(x / 100)
              if x == 2 then error("two fails") end
              return x * 10 + i
            end, {concurrency = 3})
            return ("%s %s %s %s %s | %d %d %s %s"):format(results[1], results[2], results[3], results[4], results[5],
              #failures, failures[1].index, failures[1].item, failures[1].error:match("two fails"))
            """)
        #expect(text == "51 42 33 nil 15 | 1 4 2 two fails")
        #expect(try await ScriptHarness.text("local r, f = hdc.parallel({}, print) return #r .. tostring(f)") == "0nil")
    }

    @Test func parallelFailFastRaisesTheFirstError() async throws {
        let failure = try await ScriptHarness.failure("""
            hdc.parallel({1, 2, 3, 4, 5, 6}, function(x)
              if x == 1 then error("first") end
              hdc.sleep(5)
            end, {concurrency = 2, fail_fast = true})
            """)
        #expect(failure?.message.contains("first") == true)
    }

    @Test func hostYieldsPassThroughCoroutineWrapAndResume() async throws {
        let text = try await ScriptHarness.text("""
            local gen = coroutine.wrap(function()
              for i = 1, 3 do hdc.sleep(0) coroutine.yield(i) end
              return "end"
            end)
            local co = coroutine.create(function(a) hdc.sleep(0) local b = coroutine.yield(a + 1) hdc.sleep(0) return b * 2 end)
            local _, first = coroutine.resume(co, 1)
            local _, second = coroutine.resume(co, 10)
            return table.concat({gen(), gen(), gen(), gen(), first, second, coroutine.status(co)}, ",")
            """)
        #expect(text == "1,2,3,end,2,20,dead")
    }

    @Test func bindingsWaitWhereTheCoroutineCannotYield() async throws {
        let text = try await ScriptHarness.text("""
            local t = {5, 3, 9, 1}
            table.sort(t, function(a, b) hdc.sleep(0) return a < b end)
            local s = ("abc"):gsub("%w", function(c) hdc.sleep(0) return c:upper() end)
            local lazy = setmetatable({}, {__index = function(_, k) hdc.sleep(0) return k .. "!" end})
            local inner = coroutine.wrap(function() hdc.sleep(0) return "wrapped" end)
            local sorted = {"b", "a"}
            table.sort(sorted, function(x, y) return inner and x < y end)
            local viaWrap = {2, 1}
            table.sort(viaWrap, function(x, y)
              local f = coroutine.wrap(function() hdc.sleep(0) return x < y end)
              return f()
            end)
            local task = hdc.spawn(function() hdc.sleep(0) return "joined" end)
            local joined
            table.sort({1, 2}, function(x, y) joined = joined or task:wait() return x < y end)
            return table.concat(t, " ") .. " " .. s .. " " .. lazy.key .. " " .. inner() .. " " .. viaWrap[1] .. " " .. joined
            """)
        #expect(text == "1 3 5 9 ABC key! wrapped 1 joined")
    }

    @Test func coroutineLibraryKeepsLuasMeaningAtTheTopOfATask() async throws {
        let text = try await ScriptHarness.text("""
            local main, ismain = coroutine.running()
            local yielding = {pcall(coroutine.yield, 1)}
            local status
            local co = coroutine.create(function() status = coroutine.status(main) return coroutine.resume(main) end)
            local _, ok, why = coroutine.resume(co)
            local closed = {pcall(coroutine.close, main)}
            return table.concat({tostring(coroutine.isyieldable()), tostring(ismain), tostring(yielding[1]), yielding[2],
              status, tostring(ok), why, tostring(closed[1]), closed[2]}, "|")
            """)
        #expect(text == "false|true|false|attempt to yield from outside a coroutine|normal|false|cannot resume non-suspended coroutine|false|cannot close a running coroutine")
    }

    @Test func coroutineWrapErrorsCarryTheCallersPosition() async throws {
        let failure = try await ScriptHarness.failure("local f = coroutine.wrap(function() error('x') end)\nf()")
        #expect(failure?.message == "test:2: test:1: x")
        let dead = try await ScriptHarness.failure("local f = coroutine.wrap(function() end)\nf()\nf()")
        #expect(dead?.message == "test:3: cannot resume dead coroutine")
        let badArgument = try await ScriptHarness.failure("coroutine.resume(42)")
        #expect(badArgument?.message.contains("bad argument #1 to 'resume' (thread expected, got number)") == true)
    }

    @Test func tasksWaitingForEachOtherAreADeadlock() async throws {
        let text = try await ScriptHarness.text("""
            local a, b
            a = hdc.spawn(function() hdc.sleep(0) return b:wait() end)
            b = hdc.spawn(function() hdc.sleep(0) return a:wait() end)
            local ok, err = pcall(a.wait, a)
            pcall(b.wait, b)
            return tostring(ok) .. " " .. tostring(err.message)
            """)
        #expect(text.hasPrefix("false deadlock"))
    }

    @Test func cancelledTaskFailsWithCancelled() async throws {
        let text = try await ScriptHarness.text("""
            local t = hdc.spawn(function() hdc.sleep(30) end)
            hdc.sleep(0)
            t:cancel()
            local ok, err = pcall(t.wait, t)
            local never = hdc.spawn(function() error("never runs") end)
            never:cancel()
            local ok2, err2 = pcall(never.wait, never)
            return err.kind .. " " .. err2.kind .. " " .. t:status()
            """)
        #expect(text == "cancelled cancelled failed")
    }

    /// The interrupt comes from a task once the main chunk waits: what it waits for fails
    /// with `interrupted`, and the state stays usable.
    @Test func interruptFailsWhatIsInFlight() async throws {
        let outcome = try await ScriptHarness.on { script -> (ScriptHarness.Failure?, String) in
            script.defineInterrupt()
            let failure = script.failure("""
                local t = hdc.spawn(function() hdc.sleep(0) interrupt() hdc.sleep(30) end)
                hdc.sleep(30)
                """)
            return (failure, try script.text("return 'still usable'"))
        }
        #expect(outcome.0?.kind == "interrupted")
        #expect(outcome.1 == "still usable")
    }

    /// The interrupt comes from inside a loop that never yields: only the interrupt ends it.
    @Test func interruptStopsLuaThatNeverWaits() async throws {
        let failure = try await ScriptHarness.on { script in
            script.defineInterrupt()
            return script.failure("local n = 0 while true do n = n + 1 if n == 1000 then interrupt() end end")
        }
        #expect(failure?.kind == "interrupted")
    }
}
