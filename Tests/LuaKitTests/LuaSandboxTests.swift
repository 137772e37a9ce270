import Foundation
import LuaKit
import Testing

/// Sandboxes in one state: the environment, the limits and how they end, and trusted code
/// carrying on afterwards.
@Suite struct LuaSandboxTests {
    /// A state whose globals hold `run(code, ...)`: `code` runs in a new sandbox with `policy`,
    /// entered through the monitor's entry function.
    func trustedState(_ policy: LuaSandboxPolicy) throws -> LuaState {
        let state = try LuaState()
        let stack = state.stack
        let monitor = state.sandboxMonitor
        stack.push(function: { call in
            let context = monitor.makeContext(policy)
            let code = try call.string(1)
            let extra = call.argumentCount - 1
            call.stack.ensureCapacity(extra + 4)
            try monitor.pushEntry(for: context, on: call.stack)
            try call.stack.load(code, chunkName: "=(sandboxed)")
            try LuaSandboxEnvironment().push(for: context, on: call.stack)
            call.stack.setChunkEnvironment(at: -2)
            for i in 0..<extra { call.stack.pushValue(at: 2 + i) }
            return .call(arguments: extra + 1, results: LuaStack.allResults) { _, outcome in .values(outcome.count) }
        })
        stack.setGlobal("run")
        return state
    }

    func evaluate(_ state: LuaState, _ code: String) throws -> String? {
        try state.stack.load(code, chunkName: "=(trusted)")
        try state.stack.call(arguments: 0, results: 1)
        defer { state.stack.pop() }
        return state.stack.string(at: -1)
    }

    @Test func theEnvironmentHoldsOnlySafeThings() throws {
        let state = try trustedState(LuaSandboxPolicy(origin: .script))
        let seen = try evaluate(state, """
            return run([[
              local parts = {}
              for _, name in ipairs{"io", "debug"} do
                parts[#parts + 1] = name .. "=" .. tostring(select(2, pcall(function() return _G[name].open end)):match("not allowed") ~= nil)
              end
              parts[#parts + 1] = "dump=" .. tostring(string.dump)
              parts[#parts + 1] = "execute=" .. tostring(pcall(os.execute, "true"))
              parts[#parts + 1] = "loadlib=" .. tostring(package.loadlib)
              parts[#parts + 1] = "bytecode=" .. tostring(load("\\27Lua") == nil)
              return table.concat(parts, " ")
            ]])
            """)
        #expect(seen == "io=true debug=true dump=nil execute=false loadlib=nil bytecode=true")
    }

    @Test func anInstructionLimitEndsTheSandboxNotTheHost() throws {
        var policy = LuaSandboxPolicy(origin: .script)
        policy.instructionLimit = 100_000
        let state = try trustedState(policy)
        let seen = try evaluate(state, """
            local ok, err = pcall(run, "while true do pcall(function() while true do end end) end")
            local n = 0
            for i = 1, 1000000 do n = n + 1 end
            return tostring(ok) .. " " .. err .. " " .. n
            """)
        #expect(seen == "false sandbox: instruction limit of 100000 instructions exceeded; the sandboxed code was stopped; raise the limit with max_instructions in the sandbox policy if it needs more 1000000")
    }

    @Test func aMemoryLimitIsLiftedWhenTheSandboxEnds() throws {
        var policy = LuaSandboxPolicy(origin: .script)
        policy.memoryLimit = 4 << 20
        let state = try trustedState(policy)
        let seen = try evaluate(state, """
            local ok, err = pcall(run, "local t = {} while true do t[#t + 1] = ('x'):rep(4096) .. #t end")
            local big = string.rep("y", 32 << 20)
            return tostring(ok) .. " " .. err:match("^[^;]*") .. " " .. #big
            """)
        #expect(seen == "false sandbox: memory limit of 4 MiB exceeded \(32 << 20)")
        #expect(state.memoryLimit == nil)
    }

    @Test func coroutinesOfTheSandboxStayInIt() throws {
        var policy = LuaSandboxPolicy(origin: .script)
        policy.instructionLimit = 100_000
        let state = try trustedState(policy)
        let seen = try evaluate(state, """
            local co = run("return coroutine.create(function() while true do end end)")
            local ok, err = coroutine.resume(co)
            return tostring(ok) .. " " .. tostring(err):match("instruction limit")
            """)
        #expect(seen == "false instruction limit")
    }

    @Test func valuesLeaveCopiedAndWrapped() throws {
        let state = try trustedState(LuaSandboxPolicy(origin: .script))
        let seen = try evaluate(state, """
            local hostmt = {__index = function() return "host's" end}
            local co, same = run("local co = coroutine.create(function() end) return co, function(x) return x == co end")
            local shared, f1, f2, own, kept, back = run([[
              local kept, hostf = ...
              local t = setmetatable({}, {__index = function() return "sandbox's" end})
              local f = function() return t end
              return {t, t}, f, f, t, kept, hostf
            ]], setmetatable({}, hostmt), print)
            return table.concat({
              tostring(shared[1] == shared[2]), tostring(f1 == f2), tostring(getmetatable(own)),
              tostring(kept.anything), tostring(back == print), tostring(f1() ~= own), tostring(f1().x),
              type(co), tostring(same(co)),
            }, " ")
            """)
        #expect(seen == "true true nil host's true true nil thread true")
    }

    @Test func argumentsGoInCopied() throws {
        let state = try trustedState(LuaSandboxPolicy(origin: .script))
        let seen = try evaluate(state, """
            local given, stored = {list = {1, 2}}, nil
            local keep = function(f) stored = f end
            run([[
              local given, keep = ...
              given.list[3] = 3
              given.trap = function() return "ran on the host" end
              keep(function() return coroutine.running() end)
            ]], given, keep)
            local _, main = coroutine.running()
            return #given.list .. " " .. tostring(given.trap) .. " " .. type(stored) .. " " .. tostring(select(2, stored()) == main)
            """)
        #expect(seen == "2 nil function true")
    }

    @Test func errorsLeaveCopiedAndWrapped() throws {
        let state = try trustedState(LuaSandboxPolicy(origin: .script))
        let seen = try evaluate(state, """
            local _, plain = pcall(run, "error({code = 'x', inner = setmetatable({}, {__index = function() return 'trap' end})})")
            local _, own = pcall(run, "error(setmetatable({}, {__tostring = function() return 'told by the sandbox' end}))")
            local _, f = pcall(run, "error(function() return string.dump end)")
            return plain.code .. " " .. tostring(plain.inner.x) .. " " .. own .. " " .. type(f) .. " " .. tostring(f())
            """)
        #expect(seen == "x nil told by the sandbox function nil")
    }

    @Test func filesOnlyInsideGrantedDirectories() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("return 'granted'".utf8).write(to: directory.appendingPathComponent("m.lua"))
        var policy = LuaSandboxPolicy(origin: .commandLine)
        policy.readRoots = [directory.path]
        let state = try trustedState(policy)
        let seen = try evaluate(state, """
            local inside = run("return dofile(...)", "\(directory.path)/m.lua")
            local ok, err = pcall(run, "return dofile(...)", "\(directory.path)/../../../etc/passwd")
            return inside .. " | " .. err
            """)
        #expect(seen == "granted | sandbox: reading '\(directory.path)/../../../etc/passwd' (resolved: '/etc/passwd') is not allowed; grant it with --allow-read DIR")
    }
}
