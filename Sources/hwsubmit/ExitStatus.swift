/// The exit statuses of `hwsubmit`, in one place. The README documents this table.
///
/// Statuses 3-10 tell apart the failures of the `hdc` module by the uncaught error's kind
/// (``init(category:)``).
enum ExitStatus: Int32 {
    /// The script (or command) ran to the end.
    case success = 0
    /// The script failed: an uncaught error, a syntax error, a missing file or module.
    case scriptError = 1
    /// The command line is wrong: an unknown option, a missing option argument.
    case usage = 2
    /// Credentials missing or refused, a missing role, an expired SAS URL.
    case authentication = 3
    /// The product, submission or label does not exist.
    case notFound = 4
    /// The resource's state does not allow the request.
    case invalidState = 5
    /// The service's rate limit held after the retries.
    case rateLimited = 6
    /// The submission or shipping label failed in the service's pipeline.
    case workflowFailed = 7
    /// The network, the service (5xx, an unreadable answer) or a local file failed.
    case io = 8
    /// No answer in time, or a wait passed its deadline.
    case timeout = 9
    /// The sandbox refused an operation the script tried, or stopped it at a limit.
    case sandbox = 10
    /// A companion program (`hwsubmit-emulator`) exists but could not be run.
    case cannotExecute = 126
    /// A companion program (`hwsubmit-emulator`) is not installed beside `hwsubmit`.
    case commandNotFound = 127
    /// The script was interrupted (Ctrl-C).
    case interrupted = 130
}
