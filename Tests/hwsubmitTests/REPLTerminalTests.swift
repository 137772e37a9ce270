import Foundation
import Testing

/// The REPL at a terminal (through tmux): what a person types and sees.
@Suite struct REPLTerminalTests {
    @Test func expressionsAndAMultiLineFunction() throws {
        let terminal = try TerminalSession()
        defer { terminal.close() }
        try terminal.waitForLastLine(">")
        try terminal.enter("6 * 7")
        try terminal.waitFor("\n42\n")
        try terminal.enter("function twice(x)")
        try terminal.waitForLastLine(">>")
        try terminal.enter("return 2 * x")
        try terminal.waitForLastLine(">>")
        try terminal.enter("end")
        try terminal.waitForPrompt(after: ">> end")
        try terminal.enter("twice(21), 'text', {1, 2, n = 3}")
        try terminal.waitFor("42\t\"text\"\t{ 1, 2, n = 3 }\n>")
        try terminal.enter("_PROMPT, _PROMPT2 = 'hw> ', 'hw>> '")
        try terminal.waitForLastLine("hw>")
        try terminal.enter("if true then")
        try terminal.waitForLastLine("hw>>")
        try terminal.enter("end")
        try terminal.waitForPrompt(after: "hw>> end", prompt: "hw>")
        try terminal.enter("_PROMPT, _PROMPT2 = nil, nil")
        try terminal.waitForPrompt(after: "_PROMPT, _PROMPT2 = nil, nil")
        try terminal.enter("=nil")
        try terminal.waitForPrompt(after: "> =nil")
        try terminal.enter("error('oops')")
        let screen = try terminal.waitFor("stdin:1: oops\nstack traceback:")
        #expect(screen.contains("> =nil\nnil\n"))
    }

    @Test func localsPersistBetweenInputs() throws {
        let terminal = try TerminalSession()
        defer { terminal.close() }
        // Each line waits for the prompt after the one before: a line typed while the last one
        // still runs is echoed twice (by the terminal, then by the editor), which a slow machine
        // makes likely.
        try terminal.waitForLastLine(">")
        var previous: String?
        func input(_ line: String) throws {
            if let previous { try terminal.waitForPrompt(after: "> " + previous) }
            try terminal.enter(line)
            previous = line
        }
        try input("local x = 1")
        try input("x")
        try terminal.waitFor("> x\n1\n")
        try input("local function get() return x end")
        try input("x = 5")
        try input("get(), x")
        try terminal.waitFor("> get(), x\n5\t5\n")
        try input("local a, b = 10, 20")
        try input("a + b")
        try terminal.waitFor("> a + b\n30\n")
        try input("local print = 'shadowed'")
        try input("print, type(_G.print)")
        try terminal.waitFor("\"shadowed\"\t\"function\"\n")
        try input("local n = 0; function count() n = n + 1 return n end")
        try input("count(); count()")
        try input("n")
        try terminal.waitFor("> n\n2\n")
        try input("local x = x + 1")
        try input("x, get()")
        try terminal.waitFor("> x, get()\n6\t5\n")
    }

    @Test func tabCompletesFieldsMethodsLocalsAndModules() throws {
        let terminal = try TerminalSession()
        defer { terminal.close() }
        try terminal.waitForLastLine(">")
        try terminal.type("string.fo")
        try terminal.press("Tab")
        try terminal.waitFor("> string.format(")
        try terminal.press("C-u")
        try terminal.type("string.")
        try terminal.press("Tab")
        let listing = try terminal.waitFor("gmatch")
        #expect(listing.contains("format"))
        #expect(listing.contains("upper"))
        try terminal.press("C-u")
        // Each line waits for the prompt after the one before (see localsPersistBetweenInputs).
        try terminal.enter("local zebra_count, s = 3, 'text'")
        try terminal.waitForPrompt(after: "> local zebra_count, s = 3, 'text'")
        try terminal.type("zebra_c")
        try terminal.press("Tab")
        try terminal.waitFor("> zebra_count")
        try terminal.press("Enter")
        try terminal.waitForPrompt(after: "\n3")
        try terminal.type("s:up")
        try terminal.press("Tab")
        try terminal.waitFor("> s:upper(")
        try terminal.enter(")")
        try terminal.waitForPrompt(after: "\"TEXT\"")
        try terminal.type("p = require \"pre")
        try terminal.press("Tab")
        try terminal.waitFor("> p = require \"pretty")
        try terminal.enter("\"")
        try terminal.waitForPrompt(after: "> p = require \"pretty\"")
        try terminal.enter("type(p.format)")
        try terminal.waitFor("\"function\"")
    }

    @Test func tabCompletesTheHdcAPIFromTheBindingRegistry() throws {
        let terminal = try TerminalSession()
        defer { terminal.close() }
        try terminal.waitForLastLine(">")
        // Nothing has touched hdc yet, so its table is still empty: the names come from the registry.
        try terminal.type("hdc.create_p")
        try terminal.press("Tab")
        try terminal.waitFor("> hdc.create_product(")
        try terminal.press("C-u")
        try terminal.type("hdc.wai")
        try terminal.press("Tab")
        try terminal.waitFor("> hdc.wait")
        try terminal.press("Tab")
        let listing = try terminal.waitFor("wait_shipping_label")
        #expect(listing.contains("wait "))
        try terminal.type("(")
        try terminal.press("Tab")
        try terminal.waitFor("\nhdc.wait(submission [, options]) -> hdc.Submission\n")
        try terminal.press("C-u")
        // A session local holding the module completes as the module.
        try terminal.enter("local h = hdc")
        try terminal.waitForPrompt(after: "> local h = hdc")
        try terminal.type("h.json.de")
        try terminal.press("Tab")
        try terminal.waitFor("> h.json.decode(")
        try terminal.press("C-u")
        // A table nested in hdc completes from the registry too, down to its functions' calls.
        try terminal.type("hdc.preprod.su")
        try terminal.press("Tab")
        try terminal.waitFor("> hdc.preprod.submit(")
        try terminal.press("Tab")
        try terminal.waitFor("\nhdc.preprod.submit(path) -> hdc.PreprodPackage\n")
        try terminal.press("C-u")
        try terminal.enter("t = hdc.spawn(function() return 1 end)")
        try terminal.waitForPrompt(after: "t = hdc.spawn(function() return 1 end)")
        try terminal.type("t:wa")
        try terminal.press("Tab")
        try terminal.waitFor("> t:wait(")
        try terminal.press("Tab")
        try terminal.waitFor("\nhdc.Task:wait() -> ...\n")
        try terminal.press("C-u")
        // A task that runs on does not hold up the prompt, nor the showing of the result.
        try terminal.enter("hdc.spawn(function() hdc.sleep(3600) end)")
        try terminal.waitFor("<hdc.Task(#")
        try terminal.waitForPrompt(after: "<hdc.Task(#")
        try terminal.enter("help(hdc.create_product)")
        try terminal.waitFor("\nhdc.create_product(product) -> hdc.Product\n")
        try terminal.enter("help 'hdc'")
        try terminal.waitFor("\n  hdc.version (string): hwsubmit's version\n")
    }

    @Test func ctrlCDuringAnHdcWaitReturnsToThePromptAndTheSessionGoesOn() throws {
        let terminal = try TerminalSession(["--quiet", "--emulator"])
        defer { terminal.close() }
        try terminal.waitForLastLine(">", timeout: 120)
        try terminal.enter("p = hdc.create_product{productName = 'REPL Widget', requestedSignatures = {'WINDOWS_v100_X64_RS5_FULL'}}")
        try terminal.waitForPrompt(after: "requestedSignatures = {'WINDOWS_v100_X64_RS5_FULL'}}")
        try terminal.enter("s = hdc.create_submission(p, {name = 'never committed'})")
        try terminal.waitForPrompt(after: "> s = hdc.create_submission(p, {name = 'never committed'})")
        // Never committed, the submission never finishes: only Ctrl-C ends this wait.
        try terminal.enter("print('waiting') hdc.wait(s, {interval = 0.05})")
        try terminal.waitFor("\nwaiting\n")
        try terminal.press("C-c")
        let screen = try terminal.waitForPrompt(after: "\nwaiting\n")
        #expect(screen.contains("^C\ninterrupted (Ctrl-C)."))
        #expect(screen.contains("[C]: in function 'hdc.wait'"))
        try terminal.enter("hdc.submission(s).name, p.productName")
        try terminal.waitFor("\"never committed\"\t\"REPL Widget\"")
        try terminal.enter("s")
        try terminal.waitFor("--[[submission]] {\n  name = \"never committed\",\n  id = ")
        try terminal.press("C-d")
        try terminal.waitFor("[exited 0]")
    }

    @Test func ctrlCClearsTheLineAndStopsARunningStatement() throws {
        let terminal = try TerminalSession()
        defer { terminal.close() }
        try terminal.waitForLastLine(">")
        try terminal.type("this is not lua")
        try terminal.waitFor("> this is not lua")
        try terminal.press("C-c")
        try terminal.waitForPrompt(after: "this is not lua")
        try terminal.enter("1 + 2")
        var screen = try terminal.waitFor("\n3\n")
        #expect(!screen.contains("syntax error"))
        try terminal.enter("print('looping') while true do end")
        try terminal.waitFor("\nlooping\n")
        try terminal.press("C-c")
        try terminal.waitFor("interrupted")
        try terminal.waitForLastLine(">")
        try terminal.enter("'still here'")
        screen = try terminal.waitFor("\"still here\"")
        #expect(screen.contains("looping\n^C\ninterrupted (Ctrl-C)."))
        #expect(screen.contains("stack traceback:\n"))
        try terminal.press("C-d")
        try terminal.waitFor("[exited 0]")
    }

    @Test func historySurvivesARestartWithoutSecrets() throws {
        let home = try TemporaryDirectory()
        let first = try TerminalSession(home: home)
        try first.waitForLastLine(">")
        try first.enter("print('remembered')")
        try first.enter("for i = 1, 2 do")
        try first.enter("print(i * 10)")
        try first.enter("end")
        try first.enter("password = 'hunter2'")
        try first.enter("hdc_config = {client_secret = 'abc'}")
        try first.enter("url = 'https://x.blob.core.windows.net/c?sv=1&sig=abcdef'")
        try first.enter("auth = 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'")
        try first.enter("cfg = {}")
        try first.enter("cfg[\"Authorization\"] = \"Basic dXNlcjpodW50ZXIy\"")
        try first.enter("headers = {Authorization = 'Basic dXNlcjpodW50ZXIy'}")
        try first.enter("bearer = 'opaque-value'")
        try first.enter("note = 'abc8Q~abcdefghijklmnopqrstuvwxyz0123456789'")
        try first.enter("'last line'")
        try first.waitFor("\"last line\"")
        try first.press("C-d")
        try first.waitFor("[exited 0]")
        first.close()

        let saved = try String(contentsOf: first.historyFile, encoding: .utf8)
        #expect(saved == "print('remembered')\nfor i = 1, 2 do\\nprint(i * 10)\\nend\ncfg = {}\n'last line'\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: first.historyFile.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let second = try TerminalSession(home: home)
        defer { second.close() }
        try second.waitForLastLine(">")
        try second.press("Up", "Up", "Up")
        try second.waitFor("for i = 1, 2 do\nprint(i * 10)\nend")
        try second.press("Enter")
        try second.waitFor("10\n20\n")
        try second.press("Up", "Up", "Up", "Up", "Up")
        try second.waitFor("> print('remembered')")
        try second.press("Enter")
        try second.waitFor("remembered\n")
    }

    @Test func historyKeepsTheNewestThousandEntries() throws {
        let home = try TemporaryDirectory()
        let history = TerminalSession.historyFile(home: home)
        // 1999 earlier entries: the next one makes 2000, and the file is cut to the newest 1000.
        try FileManager.default.createDirectory(at: history.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (1...1999).map { "old(\($0))\n" }.joined().write(to: history, atomically: true, encoding: .utf8)
        let restarted = try TerminalSession(home: home)
        defer { restarted.close() }
        try restarted.waitForLastLine(">")
        try restarted.press("Up")
        try restarted.waitFor("> old(1999)")
        try restarted.press("C-u")
        try restarted.enter("'newest'")
        try restarted.waitFor("\"newest\"")
        let saved = try String(contentsOf: restarted.historyFile, encoding: .utf8).split(separator: "\n")
        #expect(saved.count == 1000)
        #expect(saved.first == "old(1001)")
        #expect(saved.last == "'newest'")
    }

    @Test func withoutLibeditTheREPLReadsPlainLines() throws {
        let terminal = try TerminalSession(environment: ["HWSUBMIT_LIBEDIT": "/nonexistent/libedit.so.2"])
        defer { terminal.close() }
        try terminal.waitForLastLine(">")
        let banner = try terminal.waitFor("line editing, history and completion are off:")
        #expect(banner.contains("/nonexistent/libedit.so.2"))
        #expect(banner.contains("install Debian's libedit2"))
        try terminal.enter("local x = 20")
        try terminal.waitForPrompt(after: "> local x = 20")
        try terminal.enter("x + 1")
        try terminal.waitFor("> x + 1\n21\n")
        try terminal.type("garbage")
        try terminal.waitFor("> garbage")
        try terminal.press("C-c")
        try terminal.waitForPrompt(after: "garbage")
        try terminal.enter("'after ctrl-c'")
        try terminal.waitFor("\"after ctrl-c\"")
        try terminal.press("C-d")
        try terminal.waitFor("[exited 0]")
        #expect(!FileManager.default.fileExists(atPath: terminal.historyFile.path))
    }

    /// Under --sandbox the REPL's own machinery (persistent locals, help, completion) keeps working, while
    /// the inputs run in the sandbox: no debug for them, and a limit ends one input only.
    @Test func theSandboxedREPLKeepsItsLocalsAndHelp() throws {
        let terminal = try TerminalSession(["--sandbox", "--max-instructions", "1e6"])
        defer { terminal.close() }
        try terminal.waitForLastLine(">")
        // Each input waits for the prompt after the one before (a line typed while the last
        // one still runs is echoed twice, which a loaded machine makes likely).
        try terminal.enter("local x = 41")
        try terminal.waitForPrompt(after: "> local x = 41")
        try terminal.enter("x + 1")
        try terminal.waitFor("> x + 1\n42\n")
        try terminal.enter("help 'string.format'")
        try terminal.waitFor("string.format is part of Lua's standard library: see section 6.4")
        try terminal.enter("local function add(a, b) return a + b end")
        try terminal.waitForPrompt(after: "> local function add(a, b) return a + b end")
        try terminal.enter("help(add)")
        try terminal.waitFor("function(a, b), defined at stdin:1")
        try terminal.enter("debug.getinfo(1)")
        try terminal.waitFor("sandbox: debug.getinfo is not allowed in the sandbox")
        try terminal.enter("while true do end")
        try terminal.waitFor("instruction limit of 1000000 instructions exceeded")
        try terminal.enter("x, add(1, 2)")
        try terminal.waitFor("> x, add(1, 2)\n41\t3\n")
        try terminal.type("string.fo")
        try terminal.press("Tab")
        let screen = try terminal.waitFor("> string.format(")
        #expect(screen.contains("help() shows what the REPL can do"))
        #expect(!screen.contains("locals do not persist"))
        #expect(!screen.contains("help is not available"))
    }

    @Test func helpShowsTheREPLAndDocumentation() throws {
        let terminal = try TerminalSession()
        defer { terminal.close() }
        try terminal.waitForLastLine(">")
        try terminal.waitFor("help() shows what the REPL can do")
        try terminal.enter("help()")
        try terminal.waitFor("Ctrl-C clears the line, or stops what is running (service calls included); Ctrl-D leaves.")
        try terminal.enter("help(require('pretty').format)")
        try terminal.waitFor("pretty.format(value [, options]) -> text, cut\n\nA value as readable text")
        try terminal.enter("help 'string.format'")
        try terminal.waitFor("string.format is part of Lua's standard library: see section 6.4")
        try terminal.enter("local function add(a, b) return a + b end")
        try terminal.waitForPrompt(after: "> local function add(a, b) return a + b end")
        try terminal.enter("help(add)")
        try terminal.waitFor("function(a, b), defined at stdin:1")
    }

    @Test func resultsArePrettyPrinted() throws {
        let terminal = try TerminalSession()
        defer { terminal.close() }
        try terminal.waitForLastLine(">")
        try terminal.enter("t = {name = 'x', list = {3, 2, 1}, url = 'https://a.blob.core.windows.net/c?sig=SECRET&se=1'}; t.self = t")
        try terminal.waitForPrompt(after: "t.self = t")
        try terminal.enter("t")
        let screen = try terminal.waitFor("self = <cycle: top level>")
        let shown = try #require(screen.components(separatedBy: "> t\n").last)
        #expect(shown.contains("{\n  list = { 3, 2, 1 },\n  name = \"x\",\n  self = <cycle: top level>,\n"))
        #expect(!shown.contains("SECRET"))
        #expect(shown.contains("sig=<redacted>&se=1"))
    }
}
