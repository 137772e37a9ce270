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
        // The runner is the stdlib's, unless a folder of HWSUBMIT_PATH brings its own (a copy of
        // the stdlib for a binary installed without one).
        guard let stdlib = ModuleSearchPath(ignoreEnvironment: parsed.ignoreEnvironment).firstDirectory(holding: "spec/runner.lua") else {
            Diagnostics.error("test: hwsubmit's stdlib folder (with spec/runner.lua) was not found beside the executable; "
                + "reinstall hwsubmit (make install puts it in <prefix>/share/hwsubmit/stdlib), or add a copy of it to HWSUBMIT_PATH")
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
