import Foundation
import Testing

/// The interpreter as a `lua` user meets it: the real binary, its output and exit status.
@Suite struct InterpreterCLITests {
    @Test func scriptReceivesArgTableAndVarargs() throws {
        let dir = try TemporaryDirectory()
        let script = try dir.write("args.lua", """
            print(select('#', ...), ...)
            print(arg[0], arg[1], arg[2], #arg)
            print(arg[-1], arg[-2] == arg[-2] and 'program', arg[-3])
            """)
        let result = try HWSubmitProcess.run(["-E", "args.lua", "a b", "c"], directory: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == "2\ta b\tc\nargs.lua\ta b\tc\t2\n-E\tprogram\tnil\n")
    }

    @Test func optionsSitAtNegativeIndexes() throws {
        let result = try HWSubmitProcess.run(["-e", "x=1", "-", "one"], stdin: "print(arg[-2], arg[-1], arg[0], arg[1], ...)")
        #expect(result.status == 0)
        #expect(result.stdout == "-e\tx=1\t-\tone\tone\n")
    }

    @Test func executeStatementsInOrder() throws {
        let result = try HWSubmitProcess.run(["-e", "x = 20", "-e", "print(x + 1)", "-eprint(math.type(2^53 // 1 | 0))"])
        #expect(result.status == 0)
        #expect(result.stdout == "21\ninteger\n")
        #expect(result.stderr == "")
    }

    @Test func requireLibraryIntoGlobal() throws {
        let dir = try TemporaryDirectory()
        try dir.write("greeting.lua", "return { text = 'hello from greeting' }")
        let env = ["LUA_PATH": dir.url.path + "/?.lua"]
        let plain = try HWSubmitProcess.run(["-l", "greeting", "-e", "print(greeting.text)"], environment: env)
        #expect(plain.status == 0)
        #expect(plain.stdout == "hello from greeting\n")
        let renamed = try HWSubmitProcess.run(["-lg=greeting", "-e", "print(g.text, greeting)"], environment: env)
        #expect(renamed.status == 0)
        #expect(renamed.stdout == "hello from greeting\tnil\n")
    }

    @Test func missingModuleFailsWithLuasMessage() throws {
        let result = try HWSubmitProcess.run(["-l", "no_such_module_here"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("hwsubmit: module 'no_such_module_here' not found:"))
        #expect(result.stdout == "")
    }

    @Test func dashRunsStandardInputWithArguments() throws {
        let result = try HWSubmitProcess.run(["-", "x", "y"], stdin: "print('stdin', ...)\n")
        #expect(result.status == 0)
        #expect(result.stdout == "stdin\tx\ty\n")
    }

    @Test func pipedStandardInputRunsAsScript() throws {
        let result = try HWSubmitProcess.run([], stdin: "local t = {}\nfor i = 1, 3 do t[#t+1] = i * i end\nprint(table.concat(t, ','))\n")
        #expect(result.status == 0)
        #expect(result.stdout == "1,4,9\n")
    }

    @Test func errorInStandardInputExitsNonZero() throws {
        let result = try HWSubmitProcess.run([], stdin: "print('before')\nerror('from stdin')\n")
        #expect(result.status == 1)
        #expect(result.stdout == "before\n")
        #expect(result.stderr.hasPrefix("hwsubmit: stdin:2: from stdin\nstack traceback:\n"))
    }

    @Test func errorInAScriptReadThroughDashExitsNonZero() throws {
        let result = try HWSubmitProcess.run(["-", "arg1"], stdin: "print('before', ...)\nlocal t = nil\nprint(t.field)\n")
        #expect(result.status == 1)
        #expect(result.stdout == "before\targ1\n")
        #expect(result.stderr.hasPrefix("hwsubmit: stdin:3: attempt to index a nil value (local 't')\nstack traceback:\n"), "\(result.stderr)")
        #expect(result.stderr.contains("stdin:3: in main chunk"))
    }

    @Test func doubleDashStopsOptionsAndTakesScriptName() throws {
        let dir = try TemporaryDirectory()
        try dir.write("-e", "print('script named -e', ...)")
        let result = try HWSubmitProcess.run(["--", "-e", "1"], directory: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "script named -e\t1\n")
    }

    @Test func versionNamesHwsubmitAndLua() throws {
        let result = try HWSubmitProcess.run(["-v"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let line = try #require(result.stdout.split(separator: "\n").first)
        #expect(line.hasPrefix("hwsubmit "))
        #expect(line.hasSuffix(" (Lua 5.4.4)") || line.contains("(Lua 5.4."))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func ignoreEnvironmentSkipsLuaInitAndLuaPath() throws {
        let env = ["LUA_INIT": "print('init ran')", "LUA_PATH": "/nowhere/?.lua"]
        let normal = try HWSubmitProcess.run(["-e", "print(package.path)"], environment: env)
        #expect(normal.status == 0)
        #expect(normal.stdout == "init ran\n/nowhere/?.lua\n")
        let ignored = try HWSubmitProcess.run(["-E", "-e", "print(package.path:find('/nowhere', 1, true))"], environment: env)
        #expect(ignored.status == 0)
        #expect(ignored.stdout == "nil\n")
    }

    @Test func luaInitFileForm() throws {
        let dir = try TemporaryDirectory()
        let initFile = try dir.write("init.lua", "greeting = 'from init file'")
        let result = try HWSubmitProcess.run(["-e", "print(greeting)"], environment: ["LUA_INIT_5_4": "@" + initFile.path, "LUA_INIT": "greeting = 'wrong'"])
        #expect(result.status == 0)
        #expect(result.stdout == "from init file\n")
    }

    @Test func shebangScriptRunsDirectly() throws {
        let dir = try TemporaryDirectory()
        let script = try dir.write("tool", "#!\(HWSubmitProcess.binary.path)\nprint('shebang ok', ...)\n", executable: true)
        let result = try HWSubmitProcess.run(["1"], executable: script)
        #expect(result.status == 0)
        #expect(result.stdout == "shebang ok\t1\n")
    }

    /// `#!/usr/bin/env hwsubmit`, as scripts/ have it: found on PATH like any command.
    @Test func envShebangFindsHwsubmitOnThePath() throws {
        let dir = try TemporaryDirectory()
        let script = try dir.write("tool", "#!/usr/bin/env hwsubmit\nprint('env shebang ok', arg[0] ~= nil, ...)\n", executable: true)
        let path = HWSubmitProcess.buildDirectory.path + ":/usr/bin:/bin"
        let result = try HWSubmitProcess.run(["a", "b"], environment: ["PATH": path], executable: script)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "env shebang ok\ttrue\ta\tb\n")
        if !["/usr/bin/hwsubmit", "/bin/hwsubmit"].contains(where: FileManager.default.fileExists(atPath:)) {
            let without = try HWSubmitProcess.run([], environment: ["PATH": "/usr/bin:/bin"], executable: script)
            #expect(without.status == 127, "env finds no hwsubmit on a PATH without its folder")
        }
    }

    @Test func luaCPathDoubleSemicolonInsertsTheDefault() throws {
        let dir = try TemporaryDirectory()
        let result = try HWSubmitProcess.run(
            ["-e", "print(package.cpath); print(package.searchpath('cjson', package.cpath) ~= nil)"],
            environment: ["LUA_CPATH": dir.url.path + "/?.so;;" + dir.url.path + "/last/?.so"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let cpath = lines.first ?? ""
        #expect(cpath.hasPrefix(dir.url.path + "/?.so;"), "\(cpath)")
        #expect(cpath.hasSuffix(";" + dir.url.path + "/last/?.so"), "\(cpath)")
        #expect(cpath.contains("/lua/5.4/?.so;") && !cpath.contains(";;"), "the default in the middle: \(cpath)")
        #expect(lines.last == "true", "Debian's C modules are still found")
    }

    @Test func luaPathDoubleSemicolonInsertsTheDefault() throws {
        let dir = try TemporaryDirectory()
        try dir.write("mine/local_mod.lua", "return 'local module'")
        let env = ["LUA_PATH": dir.url.path + "/mine/?.lua;;"]
        let result = try HWSubmitProcess.run(["-e", "print((require 'local_mod')); print(package.path)"], environment: env)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "local module")
        let path = String(lines[1])
        #expect(path.hasPrefix(dir.url.path + "/mine/?.lua;"))
        #expect(path.contains("/usr/share/lua/5.4/?.lua"))
        #expect(path.contains("/stdlib/?.lua"))
        #expect(!path.contains(";;"))
    }

    @Test func requiresDebianCModule() throws {
        // Debian puts C modules under the multiarch triplet of the machine (x86_64-linux-gnu,
        // aarch64-linux-gnu, …): where lua-cjson is, found rather than assumed.
        let libraries = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib")) ?? []
        let installed = libraries.map { "/usr/lib/\($0)/lua/5.4/cjson.so" }.filter { FileManager.default.fileExists(atPath: $0) }
        #expect(installed.count == 1, "needs Debian's lua-cjson (make deps): \(installed)")
        let result = try HWSubmitProcess.run(["-e", "local cjson = require 'cjson'; print(cjson.encode({answer = 42}), package.searchpath('cjson', package.cpath))"])
        #expect(result.status == 0, "needs Debian's lua-cjson (make deps): \(result.stderr)")
        #expect(result.stdout == "{\"answer\":42}\t\(installed.first ?? "cjson.so")\n")
    }

    @Test func uncaughtErrorNamesScriptLine() throws {
        let dir = try TemporaryDirectory()
        let script = try dir.write("fails.lua", """
            local function check(x)
              if x > 1 then
                error("value too large: " .. x)
              end
            end
            check(5)
            """)
        let result = try HWSubmitProcess.run(["fails.lua"], directory: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(script.lastPathComponent == "fails.lua")
        #expect(lines == [
            "hwsubmit: fails.lua:3: value too large: 5",
            "stack traceback:",
            "\t[C]: in function 'error'",
            "\tfails.lua:3: in local 'check'",
            "\tfails.lua:6: in main chunk",
            "",
        ])
    }

    @Test func syntaxErrorReportsFileAndLine() throws {
        let dir = try TemporaryDirectory()
        let script = try dir.write("bad.lua", "local x = \nprint(x +)\n")
        let result = try HWSubmitProcess.run(["bad.lua"], directory: dir.url)
        #expect(script.lastPathComponent == "bad.lua")
        #expect(result.status == 1)
        #expect(result.stderr == "hwsubmit: bad.lua:2: unexpected symbol near ')'\n")
    }

    @Test func missingScriptFile() throws {
        let result = try HWSubmitProcess.run(["/no/such/script.lua"])
        #expect(result.status == 1)
        #expect(result.stderr == "hwsubmit: cannot open /no/such/script.lua: No such file or directory\n")
    }

    /// A script file, stdin or LUA_INIT file of bytecode is refused with what to do instead;
    /// inside a script, outside --sandbox, load/dofile/require take bytecode as lua5.4 does.
    @Test func precompiledScriptsAreRefusedWithWhatToDo() throws {
        let dir = try TemporaryDirectory()
        try dir.write("tool.lua", "return 'from tool'")
        let compile = Process()
        compile.executableURL = URL(fileURLWithPath: "/usr/bin/luac5.4")
        compile.arguments = ["-o", dir.url.appendingPathComponent("tool.luac").path, dir.url.appendingPathComponent("tool.lua").path]
        try compile.run()
        compile.waitUntilExit()
        #expect(compile.terminationStatus == 0, "needs Debian's lua5.4 (luac5.4)")
        let bytecode = try String(contentsOf: dir.url.appendingPathComponent("tool.luac"), encoding: .isoLatin1)
        let advice = "is precompiled Lua bytecode; hwsubmit runs Lua source only: run the .lua file it was compiled from\n"

        let script = try HWSubmitProcess.run(["tool.luac"], directory: dir.url)
        #expect(script.status == 1)
        #expect(script.stderr == "hwsubmit: tool.luac " + advice)
        let initFile = try HWSubmitProcess.run(["-e", "print(1)"], environment: ["LUA_INIT": "@tool.luac"], directory: dir.url)
        #expect(initFile.status == 1 && initFile.stderr == "hwsubmit: tool.luac " + advice, "\(initFile.stderr)")
        let standardInput = try HWSubmitProcess.run(["-"], stdin: bytecode, directory: dir.url)
        #expect(standardInput.status == 1)
        #expect(standardInput.stderr == "hwsubmit: stdin " + advice, "\(standardInput.stderr)")

        let inside = try HWSubmitProcess.run(
            ["-e", "print(dofile('tool.luac'), load(string.dump(function() return 'dumped' end))())"], directory: dir.url)
        #expect(inside.stdout == "from tool\tdumped\n", "\(inside.stderr)")
    }

    @Test(arguments: [0, 3, 42])
    func osExitCodesPassThrough(code: Int) throws {
        let result = try HWSubmitProcess.run(["-e", "io.write('bye'); os.exit(\(code))"])
        #expect(result.status == Int32(code))
        #expect(result.stdout == "bye")
    }

    @Test func osExitBooleans() throws {
        #expect(try HWSubmitProcess.run(["-e", "os.exit(false)"]).status == 1)
        #expect(try HWSubmitProcess.run(["-e", "os.exit(true, true)"]).status == 0)
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try HWSubmitProcess.run(["-x", "script.lua"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("hwsubmit: unrecognized option '-x'\nusage: hwsubmit [options] [script [args]]\n"))
        let long = try HWSubmitProcess.run(["--no-such-option"])
        #expect(long.status == 2)
        #expect(long.stderr.hasPrefix("hwsubmit: unrecognized option '--no-such-option'\n"))
    }

    @Test func optionWithoutArgumentIsAUsageError() throws {
        let result = try HWSubmitProcess.run(["-e"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("hwsubmit: '-e' needs argument\nusage:"))
    }

    @Test func helpListsEveryOption() throws {
        let result = try HWSubmitProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        for option in ["-e stat", "-i", "-l mod", "-l g=mod", "-v", "-E", "-W", "--", "emulator"] {
            #expect(result.stdout.contains("  \(option) "), "usage lacks \(option)")
        }
    }

    @Test func warningsOnWithW() throws {
        let off = try HWSubmitProcess.run(["-e", "warn('quiet')"])
        #expect(off.stderr == "")
        let on = try HWSubmitProcess.run(["-W", "-e", "warn('loud')"])
        #expect(on.status == 0)
        #expect(on.stderr == "Lua warning: loud\n")
    }

    @Test func interactiveModeFollowsLuaRepl() throws {
        let input = "1 + 1\nx = 'kept'\nfunction f()\nreturn x\nend\n= f()\nerror('oops')\n_PROMPT = 'lua$ '\n\n"
        let result = try HWSubmitProcess.run(["-i"], stdin: input)
        #expect(result.status == 0)
        let banner = try HWSubmitProcess.run(["-v"]).stdout
        #expect(result.stdout == banner + "> 2\n> > >> >> > kept\n> > lua$ lua$ \n")
        #expect(result.stderr.hasPrefix("stdin:1: oops\nstack traceback:\n"))
    }

    /// `_PROMPT2` is the prompt of continuation lines, as in lua.c, read when it is shown.
    @Test func interactiveModeUsesPrompt2ForContinuationLines() throws {
        let input = "_PROMPT2 = 'more> '\nfunction f()\nreturn 'done'\nend\nprint(f())\n_PROMPT2 = nil\nlocal x =\n1\n"
        let result = try HWSubmitProcess.run(["-i"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let banner = try HWSubmitProcess.run(["-v"]).stdout
        #expect(result.stdout == banner + "> > more> more> > done\n> > >> > \n", "\(result.stdout)")
    }

    @Test func builtinJSONModuleKeepsIntegersExact() throws {
        let result = try HWSubmitProcess.run(["-e", "local json = require 'json'; local t = json.decode('{\"id\": 1152921504621465124}'); print(math.type(t.id), t.id, json.encode(t))"])
        #expect(result.status == 0)
        #expect(result.stdout == "integer\t1152921504621465124\t{\"id\":1152921504621465124}\n")
    }

    @Test func interruptStopsARunawayScript() throws {
        // SIGINT once the loop runs (its line is out), not after a guessed time; a loop that
        // SIGINT does not stop runs into the harness's time limit and fails the test.
        let result = try ScriptProcess.run(
            ["-e", "io.write('running\\n'); io.stdout:flush(); while true do end"], interruptWhen: "running\n", timeout: 60)
        #expect(result.afterInterrupt != nil, "the loop started")
        #expect(result.status == 130, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("hwsubmit: interrupted"), "\(result.stderr)")
    }
}
