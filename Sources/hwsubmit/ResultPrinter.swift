import LuaKit

/// Shows the REPL's results with the `pretty` module (`stdlib/pretty.lua`): one printer for
/// the REPL and for scripts. Its `print` function is captured when the REPL starts, so
/// reassigning globals does not change how results look.
final class ResultPrinter {
    private let interpreter: Interpreter
    private var stack: LuaStack { interpreter.stack }
    private let show: LuaRef

    struct Missing: Error {
        let message: String
    }

    private init(interpreter: Interpreter, show: LuaRef) {
        self.interpreter = interpreter
        self.show = show
    }

    deinit { stack.release(show) }

    /// Loads `pretty`; the failure says what is missing and what to do.
    static func load(interpreter: Interpreter) -> Result<ResultPrinter, Missing> {
        let stack = interpreter.stack
        let top = stack.top
        defer { stack.top = top }
        do throws(LuaError) {
            guard stack.getGlobal("require") == .function else {
                throw LuaError(kind: .runtime, message: "'require' is not a function")
            }
            stack.push("pretty")
            try stack.call(arguments: 1, results: 1)
            guard stack.type(at: -1) == .table, stack.rawGet(at: -1, "print") == .function else {
                throw LuaError(kind: .runtime, message: "the module 'pretty' has no function 'print'")
            }
            return .success(ResultPrinter(interpreter: interpreter, show: stack.ref()))
        } catch {
            if let value = error.value { stack.release(value) }
            let firstLine = error.message.split(separator: "\n").first.map(String.init) ?? error.message
            return .failure(Missing(message: "results are shown with print: \(firstLine) (reinstall hwsubmit, or set HWSUBMIT_PATH to its stdlib directory)"))
        }
    }

    /// Shows the `count` values on top of the stack.
    func show(count: Int32) {
        guard count > 0 else { return }
        guard stack.ensureCapacity(20) else {
            Diagnostics.write("too many results to show\n")
            return
        }
        stack.push(show)
        stack.insert(at: -count - 1)
        do throws(LuaError) {
            // Tasks an input spawned go on in the background: showing its result must not wait for them.
            try interpreter.protectedCall(arguments: count, results: 0, waitForSpawnedTasks: false)
        } catch {
            interpreter.report(error, prefixed: false)
        }
    }
}
