import CLua
#if canImport(Glibc)
import Glibc
#endif

/// The C standard streams, as Lua's `print` and `io` library use them: a host that writes
/// through these interleaves correctly with the script's own output.
public enum LuaStandardStreams {
    /// Writes to standard output and flushes.
    public static func writeOutput(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { hws_write_stdout($0.baseAddress, $0.count) }
        }
    }

    /// Flushes standard output, then writes to standard error.
    public static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { hws_write_stderr($0.baseAddress, $0.count) }
        }
    }

    /// Writes `prompt` to standard output, then reads one line of standard input as bytes
    /// (without its newline); nil at end of input.
    public static func readLine(prompt: String) -> [UInt8]? {
        writeOutput(prompt)
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        let count = hws_read_stdin_line(&line, &capacity)
        guard count >= 0, let line else { return nil }
        var length = Int(count)
        if length > 0 && line[length - 1] == 0x0A { length -= 1 }
        return [UInt8](UnsafeRawBufferPointer(start: line, count: length))
    }
}
