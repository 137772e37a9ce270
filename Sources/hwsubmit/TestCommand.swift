/// `hwsubmit test [options] [files or folders]`: runs the `*_spec.lua` files found there with
/// the `spec` module, through stdlib's `spec/runner.lua`, with the interpreter's own options
/// (`--emulator`, `--profile`, `--quiet` …) placed before the paths.
enum TestCommand {
    static func run(_ arguments: [String]) -> ExitStatus {
        let parsed: Invocation
        do {
            parsed = try Invocation.parse(["hwsubmit"] + arguments)
        } catch {
            Diagnostics.error(error.message)
            return .usage
        }
        if parsed.showHelp {
            Diagnostics.output("usage: hwsubmit test [options] [file_spec.lua or folder ...]\n"
                + "Runs every *_spec.lua file (default: below the current directory) and prints 'N passed, N failed'.\n"
                + "Options are the interpreter's (hwsubmit --help), such as --emulator.\n")
            return .success
        }
        guard let stdlib = ModuleSearchPath(ignoreEnvironment: parsed.ignoreEnvironment).stdlibDirectory else {
            Diagnostics.error("test: hwsubmit's stdlib folder was not found beside the executable; set HWSUBMIT_PATH to it")
            return .scriptError
        }
        var options = parsed.scriptIndex.map { Array(arguments[..<($0 - 1)]) } ?? arguments
        if options.last == "--" { options.removeLast() }
        let paths = parsed.scriptIndex.map { Array(arguments[($0 - 1)...]) } ?? []
        let runner = FilePath.join(stdlib, "spec/runner.lua")
        do {
            let invocation = try Invocation.parse(["hwsubmit"] + options + ["--", runner] + paths)
            return try Interpreter(invocation: invocation).run()
        } catch let error as UsageError {
            Diagnostics.error(error.message)
            return .usage
        } catch {
            Diagnostics.error("cannot create a Lua state: \(error)")
            return .scriptError
        }
    }
}
