import HDCLua
import LuaKit

extension Interpreter {
    /// Configures the `hdc` module from the command line (logging, the service, `--emulator`)
    /// and installs it; nil after saying why it could not (``lastFailure`` holds the status).
    func startHDC() -> HDCSession? {
        do {
            let session = try HDCSession.start(invocation.hdc)
            hdc.configuration = session.configuration
            hdc.install()
            return session
        } catch {
            Diagnostics.error(error.message)
            if error.showUsage { Diagnostics.write(InterpreterOption.usage) }
            lastFailure = error.status
            return nil
        }
    }

    /// The exit status for an uncaught error: by its kind when it is an `hdc.Error`, else a
    /// script error.
    func exitStatus(for error: LuaError) -> ExitStatus {
        guard let value = error.value else { return .scriptError }
        stack.push(value)
        defer { stack.pop() }
        guard let kind = HDCError.kind(ofValueAt: -1, on: stack) else { return .scriptError }
        return ExitStatus(category: kind.category)
    }
}

extension ExitStatus {
    /// The status that reports failures of a category (the README's exit status table).
    init(category: FailureCategory) {
        switch category {
        case .script: self = .scriptError
        case .authentication: self = .authentication
        case .notFound: self = .notFound
        case .invalidState: self = .invalidState
        case .rateLimited: self = .rateLimited
        case .workflowFailed: self = .workflowFailed
        case .io: self = .io
        case .timeout: self = .timeout
        case .interrupted: self = .interrupted
        case .sandbox: self = .sandbox
        }
    }
}
