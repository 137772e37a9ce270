import LuaKit

/// Messages to the person at the terminal, as `lua` writes them, through the same C
/// streams the script's `print` and `io.write` use.
enum Diagnostics {
    static let programName = "hwsubmit"

    /// Writes `hwsubmit: message` to standard error.
    static func error(_ message: String) {
        write("\(programName): \(message)\n")
    }

    /// Writes text to standard error as it is.
    static func write(_ text: String) {
        LuaStandardStreams.writeError(text)
    }

    /// Writes text to standard output.
    static func output(_ text: String) {
        LuaStandardStreams.writeOutput(text)
    }
}
