/// A client secret or access token that never shows itself in output.
///
/// `description`, `debugDescription`, `dump()` and string interpolation all print `<redacted>`;
/// the value is read only through ``exposedValue``, at the one place that sends it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret itself. Read it only to send it, never to print it.
    public let exposedValue: String

    public init(_ value: String) { self.exposedValue = value }

    public var description: String { Redactor.placeholder }
    public var debugDescription: String { "Secret(\(Redactor.placeholder))" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
    public var isEmpty: Bool { exposedValue.isEmpty }
}
