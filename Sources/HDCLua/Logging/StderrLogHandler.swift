import Foundation
import Logging
import LuaKit

/// The interpreter's log lines on stderr (`--log-level`, `--log-format text|json`), written
/// through the same C stream as the script's own `io.stderr`, so lines never interleave.
///
/// DevCenter's clients wrap this in their redacting handler, so what reaches it has no token,
/// secret or SAS signature. Text lines carry no terminal control characters (``TerminalText``);
/// JSON lines escape them as JSON does.
public struct StderrLogHandler: LogHandler {
    /// How each line looks.
    public enum Format: String, Sendable, CaseIterable {
        /// `[info] submission 1152921504621465124 of product …: scanning: started`
        case text
        /// One JSON object per line: `time`, `level`, `label`, `message`, `metadata`.
        case json
    }

    public var format: Format
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    public init(label: String, format: Format, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    /// A logger writing to stderr.
    public static func logger(format: Format, level: Logger.Level, label: String = "hwsubmit") -> Logger {
        Logger(label: label) { label in StderrLogHandler(label: label, format: format, level: level) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let own = event.metadata { all.merge(own) { _, new in new } }
        if let error = event.error { all["error"] = "\(error)" }
        LuaStandardStreams.writeError(line(level: event.level, message: event.message.description, metadata: all) + "\n")
    }

    /// One line, without its newline.
    func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        switch format {
        case .text:
            // The correlation ID is on every line of a run: only worth showing when debugging.
            let shown = metadata.filter { level <= .debug || $0.key != "ms-correlation-id" }
            let fields = shown.keys.sorted().map { "\($0)=\(shown[$0]!)" }
            // A message or field from a script cannot send the terminal an escape sequence.
            return TerminalText.escapingControls(
                "[\(level.rawValue)] \(message)" + (fields.isEmpty ? "" : " (" + fields.joined(separator: ", ") + ")"))
        case .json:
            var object: [String: Any] = [
                "time": Self.timestamp(), "level": level.rawValue, "label": label, "message": message,
            ]
            if !metadata.isEmpty { object["metadata"] = metadata.mapValues(Self.plain) }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }

    private static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let s): return s
        case .stringConvertible(let c): return c.description
        case .array(let a): return a.map(plain)
        case .dictionary(let d): return d.mapValues(plain)
        }
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
