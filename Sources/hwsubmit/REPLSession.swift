import LuaKit

/// What the REPL adds to `lua -i` at a terminal: the line editor with history and
/// completion, persistent locals, the pretty printer and `help`.
final class REPLSession {
    let interpreter: Interpreter
    var stack: LuaStack { interpreter.stack }
    let reader: LineReader
    let locals: PersistentLocals?
    private let history: HistoryFile?
    private var printer: ResultPrinter?
    /// Said once, when the session starts: why a part is missing.
    private var notes: [String] = []
    private var historyFailureShown = false

    init(interpreter: Interpreter) {
        self.interpreter = interpreter
        let stack = interpreter.stack
        locals = PersistentLocals(stack: stack)
        history = HistoryFile.defaultPath().map(HistoryFile.init(path:))
        switch EditLineReader.make(historySize: HistoryFile.entryLimit) {
        case .success(let editor):
            editor.completer = LuaNameCompleter(stack: stack, locals: locals, documentation: RegistryDocumentation())
            for entry in history?.load() ?? [] { editor.addToHistory(entry) }
            reader = editor
        case .failure(let unavailable):
            reader = PlainLineReader()
            if unavailable.reason != "HWSUBMIT_LIBEDIT=none" {
                notes.append("line editing, history and completion are off: \(unavailable.reason) (install Debian's libedit2 to have them)")
            }
        }
        if locals == nil {
            notes.append("locals do not persist between inputs: the debug library is missing")
        }
    }

    /// Shows the notes and makes the printer and `help` ready; call before the first prompt.
    func start() {
        for note in notes { Diagnostics.error(note) }
        switch ResultPrinter.load(interpreter: interpreter) {
        case .success(let printer): self.printer = printer
        case .failure(let missing): Diagnostics.error(missing.message)
        }
        let documentation = RegistryDocumentation()
        REPLHelp.install(on: stack, overview: overview) { documentation.helpText(for: $0) }
        Diagnostics.output("help() shows what the REPL can do; Ctrl-D leaves it.\n")
    }

    /// What `help()` says.
    private var overview: String {
        var lines = [
            "The hwsubmit REPL: Lua 5.4 with the Hardware Dev Center API.",
            "",
            "  Enter runs a statement, or shows the value of an expression (=expr works too);",
            "  an unfinished statement goes on at the next prompt (>>).",
            "  local x = 1 keeps x for later inputs (lua forgets it).",
        ]
        if reader is EditLineReader {
            lines += [
                "  Tab completes names: globals and locals, fields (hdc.cre<Tab>), methods",
                "  (s:<Tab>), modules (require \"<Tab>); after hdc.wait(<Tab> it shows the parameters.",
                "  Up and Down walk the history and Ctrl-R searches it; it is kept in",
                "  \(history?.path ?? "memory only (set HOME or XDG_STATE_HOME to keep it)").",
            ]
        }
        lines += [
            "  hdc is the Hardware Dev Center API: help \"hdc\" lists it, help(hdc.wait) shows one function;",
            "  hwsubmit --emulator opens this REPL against a local emulator.",
            "  Ctrl-C clears the line, or stops what is running (service calls included); Ctrl-D leaves.",
            "  Results are shown by the pretty module: help \"pretty\" says how.",
            "  help(f) or help \"name\" shows the documentation of a function or module.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Adds a finished input to the history, unless it looks like it holds a secret.
    func remember(_ entry: String, reader: LineReader) {
        guard entry.contains(where: { !$0.isWhitespace }), !SecretLineDetector.looksSecret(entry) else { return }
        reader.addToHistory(entry)
        guard reader is EditLineReader, let history, let failure = history.append(entry), !historyFailureShown else { return }
        historyFailureShown = true
        Diagnostics.error("history is not saved: \(failure)")
    }

    /// Runs `code`, whose compiled function is on the stack, keeping its top-level locals,
    /// and shows its results.
    func execute(_ code: [UInt8], chunkName: String) {
        // Under --sandbox the bookkeeping around the input runs under the sandbox's hook too:
        // with fresh limits, not those the previous input may have spent.
        let monitor = interpreter.state.sandboxMonitorIfAny
        monitor?.renewWholeStateActivation()
        var hoisting: LocalHoisting?
        if let locals, let rewritten = LocalHoisting(code, sessionLocals: locals.names) {
            stack.pop()
            do throws(LuaError) {
                try locals.prepare(rewritten, chunkName: chunkName)
                hoisting = rewritten
            } catch {
                // Cannot happen for code that compiled, short of memory; run it as lua would.
                if let value = error.value { stack.release(value) }
                if let error = REPL.compile(code, on: stack, chunkName: chunkName) {
                    interpreter.report(error, prefixed: false)
                    return
                }
            }
        }
        let function = stack.top
        if hoisting != nil { stack.pushValue(at: function) }
        let base = stack.top - 1
        var completed = true
        do throws(LuaError) {
            try interpreter.protectedCall(arguments: 0, results: LuaStack.allResults, waitForSpawnedTasks: false)
        } catch {
            completed = false
            // The terminal echoed ^C where the output stood: start the message on a line of its own.
            if interpreter.exitStatus(for: error) == .interrupted { Diagnostics.output("\n") }
            interpreter.report(error, prefixed: false)
        }
        if let hoisting, let locals {
            if !completed { monitor?.renewWholeStateActivation() }
            locals.keep(hoisting, function: function, completed: completed)
        }
        guard completed else { return }
        if let printer {
            printer.show(count: stack.top - base)
        } else {
            REPL.printWithPrint(count: stack.top - base, on: stack, redactor: interpreter.hdc.redactor)
        }
    }
}
