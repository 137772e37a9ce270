import Foundation
import LuaKit
import Testing

/// The metered copies of Lua's pattern matcher and table loops (CLuaMetered): they behave as
/// Lua 5.4.4's own, and the instruction hook's limits and interrupts reach inside them.
@Suite struct LuaSandboxMeteredTests {
    /// The same results and errors as Lua 5.4.4's string and table libraries (the expected
    /// text is what `lua5.4` prints for this script).
    @Test func theMeteredFunctionsBehaveAsLuasOwn() throws {
        let state = try LuaState()
        try state.stack.load("""
            local out = {}
            local function add(...) local t = table.pack(...) for i = 1, t.n do t[i] = tostring(t[i]) end out[#out + 1] = table.concat(t, ",", 1, t.n) end
            add(string.find("hello world", "o w"))
            add(string.find("hello world", "l+"))
            add(("hello"):find("l", 1, true))
            add(string.find("a.b", ".", 1, true))
            add(string.match("key = value", "(%w+)%s*=%s*(%w+)"))
            add(string.match("  x", "()x"))
            add(string.gsub("hello world", "(o)", "[%1]"))
            add(string.gsub("abc", "", "-"))
            add(string.gsub("abc", "%w", {a = 1, b = false}))
            add(string.gsub("f(a(b)c)", "%b()", function(s) return #s end))
            add(string.gsub("THE (quick) fox", "%f[%a]%a+", "W"))
            local words = {} for w, p in string.gmatch("one two  three", "(%a+)()") do words[#words + 1] = w .. p end add(table.concat(words, " "))
            add(string.rep("ab", 3, ","), string.rep("", 5), string.rep("x", 0))
            add(pcall(string.find, "x", "[a"))
            add(pcall(string.gsub, "x", "(x)", "%2"))
            add(pcall(string.rep, "x", math.maxinteger))
            local t = {5, 2, 8, 1} table.sort(t) add(table.concat(t, " "))
            table.sort(t, function(a, b) return a > b end) add(table.concat(t, " "))
            table.insert(t, 2, 7) table.insert(t, 0) add(table.concat(t, " "))
            add(table.remove(t), table.remove(t, 1), table.concat(t, " "))
            add(table.concat(table.move({1, 2, 3}, 1, 3, 2), " "))
            add(pcall(table.insert, {}, 5, 1))
            add(pcall(table.concat, {1, {}, 3}))
            add(pcall(table.sort, {1, 2, 3}, function() return true end))
            return table.concat(out, "\\n")

            """, chunkName: "=known")
        try state.stack.call(arguments: 0, results: 1)
        #expect(state.stack.string(at: -1) == """
            5,7
            3,4
            3,3
            2,2
            key,value
            3
            hell[o] w[o]rld,2
            -a-b-c-,4
            1bc,3
            f7,1
            W (W) W,3
            one4 two8 three15
            ab,ab,ab,,
            false,malformed pattern (missing ']')
            false,invalid capture index %2
            false,resulting string too large
            1 2 5 8
            8 5 2 1
            8 7 5 2 1 0
            0,8,7 5 2 1
            1 1 2 3
            false,bad argument #2 to 'table.insert' (position out of bounds)
            false,invalid value (table) at index 2 in table for 'concat'
            true
            """)
    }

    /// Backtracking patterns through every entry point, each caught with pcall and tried
    /// again: the budget is spent inside the matcher and keeps firing.
    @Test(arguments: ["string.find(s, p)", "string.match(s, p)", "string.gmatch(s, p)()", "string.gsub(s, p, 'x')", "s:find(p)", "s:match(p)"])
    func anInstructionBudgetReachesInsideThePatternMatcher(_ form: String) throws {
        let state = try LuaState()
        state.setInstructionBudget(1_000_000)
        try state.stack.load("""
            local s, p = string.rep("a", 3000), ".-.-.-b"
            while true do pcall(function() return \(form) end) end
            """, chunkName: "=pattern")
        let started = Date()
        do {
            try state.stack.call(arguments: 0, results: 0)
            Issue.record("expected the budget to stop the pattern")
        } catch {
            #expect(error.message.hasSuffix("instruction budget exhausted"))
        }
        #expect(Date().timeIntervalSince(started) < 30)
    }

    /// Loops of the table library and string.rep that run no VM instruction: through nils,
    /// under a __len that lies, through C metamethods.
    @Test(arguments: [
        "table.move({}, 1, math.maxinteger - 1, 1, {})",
        "table.insert(setmetatable({}, {__len = function() return math.maxinteger - 2 end}), 1, 'x')",
        "table.remove(setmetatable({}, {__len = function() return math.maxinteger - 1 end}), 1)",
        "table.sort(setmetatable({}, {__len = function() return 2^31 - 2 end, __index = rawlen, __newindex = rawequal}))",
        "table.concat(setmetatable({}, {__len = function() return math.maxinteger end, __index = rawlen}))",
        "string.rep('ab', 1 << 26)",
    ])
    func anInstructionBudgetReachesInsideTableLoops(_ code: String) throws {
        let state = try LuaState()
        state.setInstructionBudget(1_000_000)
        try state.stack.load(code, chunkName: "=loop")
        do {
            try state.stack.call(arguments: 0, results: 0)
            Issue.record("expected the budget to stop \(code)")
        } catch {
            #expect(error.message.hasSuffix("instruction budget exhausted"))
        }
    }

    @Test func repeatingNothingReturnsAtOnce() throws {
        let state = try LuaState()
        state.setInstructionBudget(10_000)
        try state.stack.load("return #string.rep('', math.maxinteger) + #string.rep('', math.maxinteger, '')", chunkName: "=rep")
        try state.stack.call(arguments: 0, results: 1)
        #expect(state.stack.integer(at: -1) == 0)
    }

    /// Ctrl-C (an interrupt from another thread) stops a pattern that would run for minutes,
    /// with no hook or limit set.
    @Test func anInterruptReachesInsideThePatternMatcher() throws {
        let state = try LuaState()
        let handle = state.interruptHandle
        state.stack.push(function: { _ in
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 0.2)
                handle.request()
            }
            return .none
        })
        state.stack.setGlobal("start_interrupter")
        try state.stack.load("start_interrupter() return string.find(string.rep('a', 3000), '.-.-.-b')", chunkName: "=pattern")
        let started = Date()
        do {
            try state.stack.call(arguments: 0, results: 0)
            Issue.record("expected an interrupt")
        } catch {
            #expect(error.message == "interrupted")
        }
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(state.interruptsDelivered == 1)
    }
}
