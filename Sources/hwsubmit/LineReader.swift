import CEditLine
#if canImport(Glibc)
import Glibc
#endif

/// What one read of the REPL's input gives.
enum LineReadResult: Equatable {
    /// A line, without its newline.
    case line([UInt8])
    /// End of input: Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
    /// Ctrl-C while waiting for input: the line typed so far is gone.
    case interrupted
    /// Reading failed (the terminal went away).
    case failed(String)
}

/// Where the REPL reads its input: the line editor, or plain `getline` when there is none.
protocol LineReader: AnyObject {
    /// Shows `prompt` and reads one line.
    func read(prompt: String) -> LineReadResult
    /// Offers a finished input to the in-memory history (Up, Ctrl-R).
    func addToHistory(_ entry: String)
}

extension LineReadResult {
    /// What a read of `Sources/CEditLine` (an `HWS_READ_*` status) gives, with its line.
    init(status: Int32, line: UnsafeRawPointer?, length: Int) {
        switch status {
        case HWS_READ_LINE:
            self = .line(line.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: length)) } ?? [])
        case HWS_READ_EOF:
            self = .endOfInput
        case HWS_READ_INTERRUPTED:
            self = .interrupted
        default:
            self = .failed(String(cString: strerror(errno)))
        }
    }
}
