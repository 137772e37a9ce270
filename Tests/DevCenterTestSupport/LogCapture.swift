import InMemoryLogging
import Logging

/// A logger at trace level whose lines are kept for inspection, with no global state.
public struct LogCapture: Sendable {
    public let handler: InMemoryLogHandler
    public let logger: Logger

    public init(label: String = "test") {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        self.handler = handler
        let captured = handler
        self.logger = Logger(label: label, factory: { _ in captured })
    }

    /// Every captured line: level, message, metadata and error, as text.
    public var lines: [String] {
        handler.entries.map { entry in
            var line = "[\(entry.level)] \(entry.message)"
            for (key, value) in entry.metadata.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
            if let error = entry.error { line += " error=\(error)" }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") }
}
