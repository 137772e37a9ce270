import HDCLua
#if canImport(Glibc)
import Glibc
#endif

// hwsubmit: a Lua 5.4 interpreter with the Hardware Dev Center API built in.
// Start-up stays cheap: nothing beyond the Lua state is set up before a script needs it.

let arguments = CommandLine.arguments

// The variables that hold secrets leave the process's environment before anything runs: no
// child process inherits them, and /proc/self/environ does not show them (docs/sandbox.md).
SecretEnvironment.takeSecrets()

func runInterpreter() -> ExitStatus {
    if arguments.count > 1, let subcommand = Subcommand.named(arguments[1]) {
        return subcommand.run(Array(arguments.dropFirst(2)))
    }
    let invocation: Invocation
    do {
        invocation = try Invocation.parse(arguments)
    } catch {
        Diagnostics.error(error.message)
        Diagnostics.write(InterpreterOption.usage)
        return .usage
    }
    if invocation.showHelp {
        Diagnostics.output(InterpreterOption.usage)
        return .success
    }
    do {
        return try Interpreter(invocation: invocation).run()
    } catch {
        Diagnostics.error("cannot create a Lua state: \(error.message)")
        return .scriptError
    }
}

exit(runInterpreter().rawValue)
