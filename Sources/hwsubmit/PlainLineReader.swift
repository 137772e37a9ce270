import CEditLine
#if canImport(Glibc)
import Glibc
#endif

/// Reads lines with `getline`, as `lua` does without readline: used when standard input is
/// not a terminal, and when libedit is not installed.
final class PlainLineReader: LineReader {
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    deinit { free(buffer) }

    func read(prompt: String) -> LineReadResult {
        var length = 0
        let status = hws_plain_read(prompt, &buffer, &capacity, &length)
        return LineReadResult(status: status, line: buffer.map(UnsafeRawPointer.init), length: length)
    }

    func addToHistory(_ entry: String) {}
}
