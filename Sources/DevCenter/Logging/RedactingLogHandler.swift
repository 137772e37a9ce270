import Logging

/// A log handler that redacts every message, metadata value and error before passing the event on.
///
/// It keeps the logger's metadata and metadata provider itself, so that metadata set on the
/// logger is redacted too before the wrapped handler merges and prints it.
public struct RedactingLogHandler: LogHandler {
    public var wrapped: any LogHandler
    public var redactor: Redactor
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(wrapping handler: any LogHandler, redactor: Redactor) {
        var inner = handler
        self.metadata = handler.metadata
        self.metadataProvider = handler.metadataProvider
        inner.metadata = [:]
        if inner.metadataProvider != nil { inner.metadataProvider = nil }
        self.wrapped = inner
        self.redactor = redactor
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        event.metadata = merged.isEmpty ? nil : redactor.redact(merged)
        event.message = Logger.Message(stringLiteral: redactor.redact(event.message.description))
        if let error = event.error { event.error = RedactedError(description: redactor.redact(String(describing: error))) }
        wrapped.log(event: event)
    }
}

extension Redactor {
    /// `metadata` with every value redacted, nested ones included.
    public func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.mapValues(redact)
    }

    /// One metadata value redacted; string-convertible values become redacted strings.
    public func redact(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let s): return .string(redact(s))
        case .stringConvertible(let c): return .string(redact(c.description))
        case .array(let a): return .array(a.map(redact))
        case .dictionary(let d): return .dictionary(d.mapValues(redact))
        }
    }
}

extension Logger {
    /// This logger with every message and metadata value passed through `redactor`.
    ///
    /// Applying it twice wraps only once: the existing redacting handler gains the new secrets.
    public func redacting(with redactor: Redactor) -> Logger {
        var logger = self
        if var existing = logger.handler as? RedactingLogHandler {
            for secret in redactor.secrets { existing.redactor.add(secret) }
            logger.handler = existing
        } else {
            logger.handler = RedactingLogHandler(wrapping: logger.handler, redactor: redactor)
        }
        return logger
    }
}

/// An error reduced to its redacted description, so a log handler cannot print the original.
struct RedactedError: Error, CustomStringConvertible {
    let description: String
}
