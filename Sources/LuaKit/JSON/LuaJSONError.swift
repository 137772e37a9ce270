/// Why JSON text could not become a Lua value, or a Lua value could not become JSON text.
public struct LuaJSONError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The text is not JSON (``line`` and ``column`` say where).
        case syntax
        /// The value has no JSON form: NaN, an infinity, a cycle, a function, bad UTF-8 …
        /// (``path`` says where).
        case unencodable
        /// The state ran past its memory limit while decoding.
        case memory
        /// A limit or an interrupt stopped the work (``stop`` says which; raise it).
        case stopped
    }

    public let kind: Kind
    /// What went wrong, without the position.
    public let reason: String
    /// 1-based line and byte column of a syntax error.
    public let line: Int
    public let column: Int
    /// Where in the value an encoding error was found, like `.products[3].price`
    /// (empty for the value itself).
    public let path: String
    /// What stopped the work, for ``Kind/stopped``.
    public let stop: LuaWorkStopped?

    init(syntax reason: String, line: Int, column: Int) {
        kind = .syntax
        self.reason = reason
        self.line = line
        self.column = column
        path = ""
        stop = nil
    }

    init(unencodable reason: String, path: String) {
        kind = .unencodable
        self.reason = reason
        self.path = path
        line = 0
        column = 0
        stop = nil
    }

    static let memory = LuaJSONError(memoryReason: "not enough memory")

    private init(memoryReason: String) {
        kind = .memory
        reason = memoryReason
        line = 0
        column = 0
        path = ""
        stop = nil
    }

    init(stopped: LuaWorkStopped) {
        kind = .stopped
        reason = "stopped"
        line = 0
        column = 0
        path = ""
        stop = stopped
    }

    public var description: String {
        switch kind {
        case .syntax: "invalid JSON: \(reason) at line \(line) column \(column)"
        case .unencodable: "\(reason) at \(path.isEmpty ? "the top level" : path)"
        case .memory, .stopped: reason
        }
    }
}
