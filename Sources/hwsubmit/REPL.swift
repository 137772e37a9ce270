import LuaKit

/// The interactive loop, following `lua.c`'s `doREPL`: read a line, try it as
/// `return <line>`, else as a statement, reading continuation lines while the only
/// problem is an unfinished chunk (`<eof>`); print results with the global `print`.
///
/// Prompts come from `_PROMPT` and `_PROMPT2`. Errors are shown without the `hwsubmit:`
/// prefix, as `lua` shows them in interactive mode.
struct REPL {
    let interpreter: Interpreter
    var stack: LuaStack { interpreter.stack }

    static let chunkName = "=stdin"

    func run() {
        while let loaded = loadLine() {
            switch loaded {
            case .failure(let error):
                interpreter.report(error, prefixed: false)
            case .success:
                let base = stack.top - 1
                do throws(LuaError) {
                    try interpreter.protectedCall(arguments: 0, results: LuaStack.allResults)
                    printResults(count: stack.top - base)
                } catch {
                    interpreter.report(error, prefixed: false)
                }
            }
            stack.top = 0
        }
        stack.top = 0
        Diagnostics.output("\n")
    }

    /// Reads and compiles one input: a line, or several when the first is incomplete. Nil at
    /// end of input; on success the compiled chunk is on the stack.
    private func loadLine() -> Result<Void, LuaError>? {
        stack.top = 0
        guard var line = readLine(firstLine: true) else { return nil }
        if line.first == UInt8(ascii: "=") {  // `=expr`, as Lua 5.2 accepted
            line = Array("return ".utf8) + line.dropFirst()
        }
        if compile(Array("return ".utf8) + line) == nil { return .success(()) }
        while true {
            guard let error = compile(line) else { return .success(()) }
            guard error.kind == .syntax, error.message.hasSuffix("<eof>"),
                  let more = readLine(firstLine: false)
            else { return .failure(error) }
            line += [0x0A] + more
        }
    }

    /// Compiles `code` onto the stack; returns the error instead when it does not compile.
    private func compile(_ code: [UInt8]) -> LuaError? {
        do {
            try code.withUnsafeBytes { try stack.load($0, chunkName: Self.chunkName) }
            return nil
        } catch {
            return error as? LuaError
        }
    }

    private func readLine(firstLine: Bool) -> [UInt8]? {
        LuaStandardStreams.readLine(prompt: prompt(firstLine: firstLine))
    }

    private func prompt(firstLine: Bool) -> String {
        let name = firstLine ? "_PROMPT" : "_PROMPT2"
        defer { stack.pop() }
        if stack.getGlobal(name) == .nil { return firstLine ? "> " : ">> " }
        return stack.describe(at: -1)
    }

    /// Calls the global `print` with the results on the stack.
    private func printResults(count: Int32) {
        guard count > 0 else { return }
        guard stack.ensureCapacity(20) else {
            Diagnostics.write("too many results to print\n")
            return
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
