/// JSON text that could not be read: what was wrong, and where (line and column, from 1).
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var line: Int
    public var column: Int

    public init(reason: String, line: Int, column: Int) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    public var description: String { "\(reason) at line \(line), column \(column)" }
}
