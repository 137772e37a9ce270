/// What the command line says about the `hdc` module: which service to talk to and how to
/// log. Part of ``Invocation``; the options are in ``InterpreterOption/hdcOptions``.
struct HDCInvocation: Equatable {
    /// `--emulator`: start `hwsubmit-emulator` and point the default client at it.
    var emulator = false
    /// `--emulator-option=OPT` (repeatable): arguments for `hwsubmit-emulator`.
    var emulatorOptions: [String] = []
    /// `--profile NAME`.
    var profile: String?
    /// `--base-url URL`.
    var baseURL: String?
    /// `--log-level LEVEL`, checked when the run starts.
    var logLevel: String?
    /// `--log-format text|json`, checked when the run starts.
    var logFormat: String?
    /// `--quiet`: no progress, no info lines.
    var quiet = false
    /// `--request-timeout DURATION`, checked when the run starts.
    var requestTimeout: String?
}

extension InterpreterOption {
    /// The options of the `hdc` module (after `lua`'s own in `--help`).
    static var hdcOptions: [InterpreterOption] {
        [
        InterpreterOption(long: "--emulator", summary: "run against a local emulator of the service, started for this run") { invocation, _ in
            invocation.hdc.emulator = true
        },
        InterpreterOption(
            long: "--emulator-option", argument: "OPT",
            summary: "pass OPT to the emulator (repeatable): --emulator-option=--step-delay=50ms"
        ) { invocation, value in
            invocation.hdc.emulatorOptions.append(value ?? "")
        },
        InterpreterOption(long: "--profile", argument: "NAME", summary: "use the profile NAME of config.lua") { invocation, value in
            invocation.hdc.profile = value
        },
        InterpreterOption(long: "--base-url", argument: "URL", summary: "the hardware API's base URL") { invocation, value in
            invocation.hdc.baseURL = value
        },
        InterpreterOption(
            long: "--request-timeout", argument: "DURATION",
            summary: "how long one HTTP request may wait for its answer (90, 2s, 400ms, 5m)"
        ) { invocation, value in
            invocation.hdc.requestTimeout = value
        },
        InterpreterOption(
            long: "--log-level", argument: "LEVEL", summary: "trace, debug, info (default), notice, warning, error"
        ) { invocation, value in
            invocation.hdc.logLevel = value
        },
        InterpreterOption(long: "--log-format", argument: "FORMAT", summary: "log lines as text (default) or json") { invocation, value in
            invocation.hdc.logFormat = value
        },
        InterpreterOption(long: "--quiet", summary: "show no progress and no info lines (warnings and errors only)") { invocation, _ in
            invocation.hdc.quiet = true
        },
        ]
    }
}
