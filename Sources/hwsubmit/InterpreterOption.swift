/// One command-line option of the interpreter: how it is spelled, whether it takes an
/// argument, what `--help` says about it, and what it sets.
///
/// ``InterpreterOption/all`` is the whole table; the parser and the usage text both read
/// it, so adding an option is adding one entry (and, for a new setting, a field of
/// ``Invocation``).
struct InterpreterOption {
    /// `-e`: one dash and one letter, as `lua` spells its options; nil for long-only options.
    let short: String?
    /// `--profile`: two dashes; accepts `--profile NAME` and `--profile=NAME`.
    let long: String?
    /// The name of the option's argument in the usage text, or nil when it takes none.
    let argument: String?
    /// Usage lines beyond the first, for options with more than one form (`-l g=mod`).
    let extraUsage: [(form: String, summary: String)]
    let summary: String
    let apply: (inout Invocation, String?) -> Void

    init(
        short: String? = nil, long: String? = nil, argument: String? = nil, summary: String,
        extraUsage: [(form: String, summary: String)] = [], apply: @escaping (inout Invocation, String?) -> Void
    ) {
        self.short = short
        self.long = long
        self.argument = argument
        self.summary = summary
        self.extraUsage = extraUsage
        self.apply = apply
    }

    /// The interpreter's options, in the order `--help` lists them.
    static var all: [InterpreterOption] {
        [
        InterpreterOption(short: "-e", argument: "stat", summary: "execute string 'stat'") { invocation, value in
            invocation.actions.append(.execute(value ?? ""))
            invocation.executesStatement = true
        },
        InterpreterOption(short: "-i", summary: "enter interactive mode after executing 'script'") { invocation, _ in
            invocation.interactive = true
            invocation.showVersion = true
        },
        InterpreterOption(
            short: "-l", argument: "mod", summary: "require library 'mod' into global 'mod'",
            extraUsage: [("-l g=mod", "require library 'mod' into global 'g'")]
        ) { invocation, value in
            let spec = value ?? ""
            if let equals = spec.firstIndex(of: "=") {
                invocation.actions.append(.require(global: String(spec[..<equals]), module: String(spec[spec.index(after: equals)...])))
            } else {
                invocation.actions.append(.require(global: spec, module: spec))
            }
        },
        InterpreterOption(short: "-v", summary: "show version information") { invocation, _ in
            invocation.showVersion = true
        },
        InterpreterOption(short: "-E", summary: "ignore environment variables") { invocation, _ in
            invocation.ignoreEnvironment = true
        },
        InterpreterOption(short: "-W", summary: "turn warnings on") { invocation, _ in
            invocation.actions.append(.enableWarnings)
        },
        InterpreterOption(short: "-h", long: "--help", summary: "show this help and exit") { invocation, _ in
            invocation.showHelp = true
        },
        ] + hdcOptions + sandboxOptions
    }

    /// The usage text `--help` prints and usage errors show.
    static var usage: String {
        var lines = [
            "usage: hwsubmit [options] [script [args]]",
            "       hwsubmit SUBCOMMAND [args]",
            "Available options are:",
        ]
        var forms: [(String, String)] = []
        for option in all {
            var form = [option.short, option.long].compactMap { $0 }.joined(separator: ", ")
            if let argument = option.argument { form += " " + argument }
            forms.append((form, option.summary))
            forms.append(contentsOf: option.extraUsage.map { ($0.form, $0.summary) })
        }
        forms.append(("--", "stop handling options"))
        forms.append(("-", "stop handling options and execute stdin"))
        let width = forms.map(\.0.count).max() ?? 0
        for (form, summary) in forms {
            lines.append("  " + padded(form, to: width + 2) + summary)
        }
        lines.append("Subcommands (as the first argument):")
        for subcommand in Subcommand.all {
            lines.append("  " + padded(subcommand.name, to: width + 2) + subcommand.summary)
        }
        lines.append("A script whose name is a subcommand runs as 'hwsubmit ./NAME' or 'hwsubmit -- NAME'.")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
