import CEditLine
import DevCenter
import LuaKit
#if canImport(Glibc)
import Glibc
#endif

/// The interactive loop, following `lua.c`'s `doREPL`: read a line, try it as
/// `return <line>`, else as a statement, reading continuation lines while the only
/// problem is an unfinished chunk (`<eof>`); `=expr` is `return expr`; prompts come from
/// `_PROMPT` and `_PROMPT2`; errors are shown without the `hwsubmit:` prefix.
///
/// At a terminal it is more than `lua`'s: line editing, history and Tab completion
/// (``EditLineReader``), locals that persist between inputs (``PersistentLocals``), results
/// shown by the `pretty` module (``ResultPrinter``) and `help` (``REPLHelp``). Ctrl-C at the
/// prompt drops the input; during a statement it interrupts it and returns to the prompt.
/// Without a terminal (`hwsubmit -i < file`) it is `lua -i`, results shown with `print`, except
/// that no result shows a secret.
final class REPL {
    let interpreter: Interpreter
    var stack: LuaStack { interpreter.stack }
    /// Standard input is a terminal: the full REPL.
    let atTerminal: Bool
    private let reader: LineReader
    private let session: REPLSession?

    static let chunkName = "=stdin"

    init(interpreter: Interpreter) {
        self.interpreter = interpreter
        atTerminal = isatty(STDIN_FILENO) != 0
        guard atTerminal else {
            reader = PlainLineReader()
            session = nil
            return
        }
        let session = REPLSession(interpreter: interpreter)
        reader = session.reader
        self.session = session
    }

    func run() {
        if atTerminal { hws_hold_interrupts() }
        session?.start()
        while let input = readInput() {
            guard case .code(let code, let entry) = input else { continue }
            session?.remember(entry, reader: reader)
            execute(code)
            if atTerminal { hws_hold_interrupts() }
            stack.top = 0
        }
        stack.top = 0
        Diagnostics.output("\n")
    }

    // MARK: Reading

    private enum Input {
        /// Compiled code (its function on the stack) and the text as typed.
        case code([UInt8], entry: String)
        /// Dropped with Ctrl-C, or not valid Lua (the error was shown).
        case dropped
    }

    /// Reads and compiles one input: a line, or several when the first is incomplete. Nil at
    /// end of input. On `.code`, the compiled chunk is on the stack.
    private func readInput() -> Input? {
        stack.top = 0
        guard let typed = readLine(firstLine: true) else { return nil }
        guard case .line(let first) = typed else { return .dropped }
        var line = first
        if line.first == UInt8(ascii: "=") {  // `=expr`, as Lua 5.2 accepted
            line = Array("return ".utf8) + line.dropFirst()
        }
        let expression = Array("return ".utf8) + line
        if compile(expression) == nil { return .code(expression, entry: String(decoding: first, as: UTF8.self)) }
        var entry = first
        while true {
            guard let error = compile(line) else { return .code(line, entry: String(decoding: entry, as: UTF8.self)) }
            guard error.kind == .syntax, error.message.hasSuffix("<eof>") else {
                interpreter.report(error, prefixed: false)
                session?.remember(String(decoding: entry, as: UTF8.self), reader: reader)
                return .dropped
            }
            guard let more = readLine(firstLine: false) else {
                interpreter.report(error, prefixed: false)
                return nil
            }
            guard case .line(let next) = more else { return .dropped }
            line += [0x0A] + next
            entry += [0x0A] + next
        }
    }

    /// Compiles `code` onto the stack; returns the error instead when it does not compile.
    private func compile(_ code: [UInt8]) -> LuaError? {
        Self.compile(code, on: stack, chunkName: Self.chunkName)
    }

    static func compile(_ code: [UInt8], on stack: LuaStack, chunkName: String) -> LuaError? {
        do {
            try code.withUnsafeBytes { try stack.load($0, chunkName: chunkName) }
            return nil
        } catch {
            return error as? LuaError
        }
    }

    /// One line, `.interrupted` for Ctrl-C, nil at end of input.
    private func readLine(firstLine: Bool) -> LineReadResult? {
        switch reader.read(prompt: prompt(firstLine: firstLine)) {
        case .line(let bytes):
            return .line(bytes)
        case .interrupted:
            Diagnostics.output("\n")
            return .interrupted
        case .endOfInput:
            return nil
        case .failed(let reason):
            Diagnostics.error("cannot read standard input: \(reason)")
            return nil
        }
    }

    private func prompt(firstLine: Bool) -> String {
        let name = firstLine ? "_PROMPT" : "_PROMPT2"
        defer { stack.pop() }
        if stack.getGlobal(name) == .nil { return firstLine ? "> " : ">> " }
        return stack.describe(at: -1)
    }

    // MARK: Running

    /// Runs the compiled input on the stack (recompiled by the session when it keeps locals)
    /// and shows its results.
    private func execute(_ code: [UInt8]) {
        guard let session else {
            let base = stack.top - 1
            do throws(LuaError) {
                try interpreter.protectedCall(arguments: 0, results: LuaStack.allResults)
                Self.printWithPrint(count: stack.top - base, on: stack, redactor: interpreter.hdc.redactor)
            } catch {
                interpreter.report(error, prefixed: false)
            }
            return
        }
        session.execute(code, chunkName: Self.chunkName)
    }

    /// Calls the global `print` with the results on the stack, as `lua` does, except that a
    /// string result holding a secret (a SAS URL's `sig`, a token) is shown redacted.
    static func printWithPrint(count: Int32, on stack: LuaStack, redactor: Redactor) {
        guard count > 0 else { return }
        guard stack.ensureCapacity(20) else {
            Diagnostics.write("too many results to print\n")
            return
        }
        for index in (stack.top - count + 1)...stack.top {
            guard let bytes = stack.bytes(at: index), let redacted = redactor.redact(bytes: bytes) else { continue }
            stack.push(bytes: redacted)
            stack.replace(at: index)
        }
        stack.getGlobal("print")
        stack.insert(at: -count - 1)
        do throws(LuaError) {
            try stack.call(arguments: count, results: 0)
        } catch {
            Diagnostics.write("error calling 'print' (\(error.message))\n")
        }
    }
}
