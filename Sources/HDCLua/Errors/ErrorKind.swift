import DevCenter

/// What kind of failure an `hdc.Error` is: its `kind` field.
///
/// DevCenter's kinds keep their names (`notFound`, `rateLimited`, …); the script adds
/// `interrupted` (Ctrl-C), `cancelled` (`task:cancel()`), `io` (local files and the system) and
/// `script` (a misuse found while running, such as a deadlock). ``category`` groups them for the
/// interpreter's exit status.
public enum ErrorKind: String, CaseIterable, Sendable {
    case configuration, authentication, forbidden, notFound, invalidInput, invalidState, rateLimited, server
    case network, timeout, uncertainOutcome, workflowFailed, invalidResponse, urlExpired, localFile
    case interrupted, cancelled, io, script
    /// The sandbox refused something (`code` `permissionDenied`) or stopped code that ran into
    /// a limit (`memoryLimit`, `instructionLimit`, `timeLimit`).
    case sandbox

    /// The script's kind for a DevCenter kind (one it does not know yet counts as `server`).
    public init(_ kind: DevCenterError.Kind) {
        self = ErrorKind(rawValue: kind.name) ?? .server
    }

    /// The group the interpreter's exit status reports.
    public var category: FailureCategory {
        switch self {
        case .script, .invalidInput, .cancelled: .script
        case .configuration, .authentication, .forbidden, .urlExpired: .authentication
        case .notFound: .notFound
        case .invalidState: .invalidState
        case .rateLimited: .rateLimited
        case .workflowFailed: .workflowFailed
        case .network, .server, .invalidResponse, .uncertainOutcome, .localFile, .io: .io
        case .timeout: .timeout
        case .interrupted: .interrupted
        case .sandbox: .sandbox
        }
    }
}

/// The groups of failures the interpreter tells apart by exit status (README, "Exit status").
public enum FailureCategory: String, CaseIterable, Sendable {
    /// A Lua error, a request the service refused as malformed, a cancelled task.
    case script
    /// Credentials missing or refused, a missing role, an expired SAS URL.
    case authentication
    /// The product, submission or label does not exist.
    case notFound
    /// The resource's state does not allow the request.
    case invalidState
    /// The service's per-minute limit was hit, and retries did not get through.
    case rateLimited
    /// The submission or shipping label failed in the service's pipeline.
    case workflowFailed
    /// The network, the service (5xx, an unreadable answer), or a local file failed.
    case io
    /// No answer in time, or a wait passed its deadline.
    case timeout
    /// Ctrl-C.
    case interrupted
    /// The sandbox refused an operation, or the sandboxed code ran into a limit.
    case sandbox

    /// The kinds in this group, for documentation.
    public var kinds: [ErrorKind] { ErrorKind.allCases.filter { $0.category == self } }
}
