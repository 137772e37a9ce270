#if canImport(Glibc)
import Glibc
#endif

/// The REPL's history on disk: `$XDG_STATE_HOME/hwsubmit/history`
/// (`~/.local/state/hwsubmit/history` by default), one entry a line.
///
/// Each finished input is appended as it is entered, so sessions running side by side all
/// keep theirs and a session that is killed loses nothing. A newline inside an entry is
/// written `\n` and a backslash `\\`. The file keeps the last ``entryLimit`` entries: once it
/// holds twice that many, it is rewritten with the newest. It is created readable by its
/// owner only (mode 0600, directory 0700).
final class HistoryFile {
    static let entryLimit = 1000

    let path: String
    /// Entries the file holds, as far as this session knows.
    private var count = 0

    init(path: String) {
        self.path = path
    }

    /// The history file's path, or nil when neither `XDG_STATE_HOME` nor `HOME` is set.
    static func defaultPath(environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> String? {
        if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") {
            return FilePath.join(state, "hwsubmit/history")
        }
        guard let home = environment("HOME"), !home.isEmpty else { return nil }
        return FilePath.join(home, ".local/state/hwsubmit/history")
    }

    /// The newest ``entryLimit`` entries, oldest first; empty when there is no file yet.
    func load() -> [String] {
        guard let bytes = Self.contents(of: path) else { return [] }
        var entries: [String] = []
        for line in bytes.split(separator: 0x0A) where !line.isEmpty {
            entries.append(Self.unescape(line))
        }
        count = entries.count
        return Array(entries.suffix(Self.entryLimit))
    }

    /// Appends an entry; returns a reason when the file cannot be written.
    func append(_ entry: String) -> String? {
        if let failure = makeDirectory() { return failure }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
        let line = Array(Self.escape(entry).utf8) + [0x0A]
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let failure = written == line.count ? nil : "cannot write \(path): \(String(cString: strerror(errno)))"
        close(fd)
        count += 1
        if count >= 2 * Self.entryLimit { compact() }
        return failure
    }

    /// Rewrites the file with its newest ``entryLimit`` entries (through a temporary file
    /// renamed over it, so a reader never sees half a file).
    private func compact() {
        let entries = load()
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let text = Array(entries.map { Self.escape($0) + "\n" }.joined().utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        if written == text.count && rename(temporary, path) == 0 {
            count = entries.count
        } else {
            unlink(temporary)
        }
    }

    /// Creates the file's directory (and its parents); nil on success, else the reason.
    private func makeDirectory() -> String? {
        var directory = ""
        for component in FilePath.directory(of: path).split(separator: "/") {
            directory += "/" + component
            if mkdir(directory, 0o700) != 0 && errno != EEXIST {
                return "cannot create \(directory): \(String(cString: strerror(errno)))"
            }
        }
        return nil
    }

    static func escape(_ entry: String) -> String {
        var out = ""
        for character in entry.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    static func unescape(_ line: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        var escaped = false
        for byte in line {
            if escaped {
                switch byte {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                default: out.append(byte)
                }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func contents(of path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count < 64 << 20 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += chunk[..<n]
        }
        return bytes
    }
}
