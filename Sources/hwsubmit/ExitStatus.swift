/// The exit statuses of `hwsubmit`, in one place. The README documents this table.
///
/// Statuses 3-9 are reserved for failures that later parts of hwsubmit tell apart
/// (authentication, not found, invalid state, rate limited, workflow failed, I/O, timeout).
enum ExitStatus: Int32 {
    /// The script (or command) ran to the end.
    case success = 0
    /// The script failed: an uncaught error, a syntax error, a missing file or module.
    case scriptError = 1
    /// The command line is wrong: an unknown option, a missing option argument.
    case usage = 2
    /// A companion program (`hwsubmit-emulator`) exists but could not be run.
    case cannotExecute = 126
    /// A companion program (`hwsubmit-emulator`) is not installed beside `hwsubmit`.
    case commandNotFound = 127
    /// The script was interrupted (Ctrl-C).
    case interrupted = 130
}
