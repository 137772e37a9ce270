import Logging

/// A command-line setting the `hdc` module cannot use, said the way usage errors are.
public struct HDCSettingError: Error, Sendable {
    public let message: String
}

extension HDCConfiguration {
    /// The log levels `--log-level` accepts, least severe first.
    public static let logLevelNames = Logger.Level.allCases.map(\.rawValue)

    /// Logs to stderr at `level` (default `info`; `--quiet` raises it to `warning`) in `format`
    /// (`text`, the default, or `json`).
    public mutating func logToStandardError(level: String?, format: String?, quiet: Bool) throws(HDCSettingError) {
        var chosen = Logger.Level.info
        if let level {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw HDCSettingError(message: "unknown log level '\(level)' (use one of \(Self.logLevelNames.joined(separator: ", ")))")
            }
            chosen = parsed
        }
        if quiet { chosen = max(chosen, .warning) }
        var style = StderrLogHandler.Format.text
        if let format {
            guard let parsed = StderrLogHandler.Format(rawValue: format.lowercased()) else {
                throw HDCSettingError(message: "unknown log format '\(format)' (use text or json)")
            }
            style = parsed
        }
        logger = StderrLogHandler.logger(format: style, level: chosen)
    }
}
