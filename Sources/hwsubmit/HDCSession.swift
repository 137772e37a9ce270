import DevCenter
import HDCLua
#if canImport(Glibc)
import Glibc
#endif

/// The `hdc` side of one run: logging, the service settings of the default client, and the
/// emulator a run with `--emulator` starts (stopped by ``end()``, or by its own exit when
/// hwsubmit goes away in any other way).
final class HDCSession {
    /// Why the session could not start, with the exit status to report.
    struct StartError: Error {
        let message: String
        let status: ExitStatus
        /// Show the usage text after the message.
        var showUsage = false
    }

    let emulator: EmulatorProcess?
    /// The `hdc` module's configuration for the run.
    let configuration: HDCConfiguration

    private init(emulator: EmulatorProcess?, configuration: HDCConfiguration) {
        self.emulator = emulator
        self.configuration = configuration
    }

    /// Reads the command line's `hdc` options (and starts the emulator when asked). Nothing
    /// else is read (no environment, no file) until a client is needed.
    static func start(_ options: HDCInvocation) throws(StartError) -> HDCSession {
        var configuration = HDCConfiguration()
        do {
            try configuration.logToStandardError(level: options.logLevel, format: options.logFormat, quiet: options.quiet)
        } catch {
            throw StartError(message: error.message, status: .usage, showUsage: true)
        }
        configuration.progress = options.quiet ? .none : (isatty(2) != 0 ? .bar : .lines)
        if let text = options.requestTimeout {
            guard let timeout = DurationText.parse(text) else {
                throw StartError(message: DurationText.problem("--request-timeout", text), status: .usage, showUsage: true)
            }
            guard timeout > .zero else {
                throw StartError(message: "'--request-timeout' needs a duration more than 0, not '\(text)'", status: .usage, showUsage: true)
            }
            configuration.requestTimeout = max(timeout, .milliseconds(10))
        }
        var emulator: EmulatorProcess?
        if options.emulator {
            let started: EmulatorProcess
            do {
                started = try EmulatorProcess.start(arguments: options.emulatorOptions)
            } catch {
                throw StartError(message: error.message, status: error.status)
            }
            configuration.connection = started.connection
            configuration.emulator = started.endpoints
            emulator = started
        } else {
            configuration.connection = ConnectionOptions(baseURL: options.baseURL, profile: options.profile)
        }
        configuration.profiles = LuaProfileSource.standard()
        return HDCSession(emulator: emulator, configuration: configuration)
    }

    /// Stops the emulator, if one was started.
    func end() {
        emulator?.stop()
    }
}
