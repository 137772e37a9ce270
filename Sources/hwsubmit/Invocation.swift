/// What the command line asks the interpreter to do, collected the way `lua.c`'s
/// `collectargs` does: options up to the script name, then the script and its arguments.
struct Invocation {
    /// `-e`, `-l` and `-W`, in command-line order (they run in that order).
    enum Action: Equatable {
        case execute(String)
        case require(global: String, module: String)
        case enableWarnings
    }

    var actions: [Action] = []
    var interactive = false
    var showVersion = false
    var ignoreEnvironment = false
    var executesStatement = false
    var showHelp = false
    /// The index in `arguments` of the script name, or nil when there is none.
    var scriptIndex: Int?
    /// The whole command line, `arguments[0]` being the interpreter as invoked.
    var arguments: [String] = []
    /// The service, the emulator and logging (`--emulator`, `--profile`, `--log-level` …).
    var hdc = HDCInvocation()
    /// `--sandbox` and its permissions and limits.
    var sandbox = SandboxInvocation()

    /// The script reads standard input: `-` as the script name, unless it followed `--`.
    var scriptIsStandardInput: Bool {
        guard let scriptIndex else { return false }
        return arguments[scriptIndex] == "-" && arguments[scriptIndex - 1] != "--"
    }
}

/// A command line the interpreter cannot accept.
struct UsageError: Error, Equatable {
    let message: String
}

extension Invocation {
    /// Parses `arguments` (`arguments[0]` is the program) by the option table.
    static func parse(_ arguments: [String], options: [InterpreterOption] = InterpreterOption.all) throws(UsageError) -> Invocation {
        var invocation = Invocation()
        invocation.arguments = arguments
        var i = 1
        while i < arguments.count {
            let argument = arguments[i]
            if !argument.hasPrefix("-") || argument == "-" {
                invocation.scriptIndex = i
                return invocation
            }
            if argument == "--" {
                invocation.scriptIndex = i + 1 < arguments.count ? i + 1 : nil
                return invocation
            }
            if argument.hasPrefix("--") {
                let name = argument.split(separator: "=", maxSplits: 1)[0]
                let inline = argument.contains("=") ? String(argument.drop(while: { $0 != "=" }).dropFirst()) : nil
                guard let option = options.first(where: { $0.long == String(name) }) else {
                    throw UsageError(message: "unrecognized option '\(argument)'")
                }
                var value: String?
                if option.argument != nil {
                    if let inline {
                        value = inline
                    } else {
                        i += 1
                        guard i < arguments.count, !arguments[i].hasPrefix("-") else {
                            throw UsageError(message: "'\(name)' needs argument")
                        }
                        value = arguments[i]
                    }
                } else if inline != nil {
                    throw UsageError(message: "option '\(name)' takes no argument")
                }
                option.apply(&invocation, value)
            } else {
                let flag = String(argument.prefix(2))
                guard let option = options.first(where: { $0.short == flag }) else {
                    throw UsageError(message: "unrecognized option '\(argument)'")
                }
                var value: String?
                if option.argument != nil {
                    if argument.count > 2 {
                        value = String(argument.dropFirst(2))
                    } else {
                        i += 1
                        guard i < arguments.count, !arguments[i].hasPrefix("-") else {
                            throw UsageError(message: "'\(flag)' needs argument")
                        }
                        value = arguments[i]
                    }
                } else if argument.count > 2 {
                    throw UsageError(message: "unrecognized option '\(argument)'")
                }
                option.apply(&invocation, value)
            }
            i += 1
        }
        return invocation
    }
}
