/// The JSON body of a request: its value, and the bytes that are sent, encoded once.
///
/// The client sends ``bytes`` as they are (every retry of the request too) and reads ``value``
/// where it needs a field (the name a create is reconciled by). A caller that already holds
/// the text of the value (the `hdc` bindings, which check a script's table) passes both, so the
/// body is never encoded again.
public struct JSONBody: Sendable, Hashable {
    public let value: JSONValue
    public let bytes: [UInt8]

    /// The body `value`, encoded here (``JSONValue/serializedBytes``).
    public init(_ value: JSONValue) {
        self.value = value
        self.bytes = value.serializedBytes
    }

    /// The body `value` whose JSON text the caller already has: `bytes` must parse to `value`.
    public init(value: JSONValue, encoded bytes: [UInt8]) {
        self.value = value
        self.bytes = bytes
    }

    /// The body a model encodes to.
    public init(encoding model: some Encodable) throws {
        self.init(try JSONValue(encoding: model))
    }
}
