#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JSONValue {
    /// Parses JSON text, keeping integers exact (``JSONParser``); throws ``JSONParseError``.
    public init(parsing bytes: some Collection<UInt8>) throws {
        if let value = try bytes.withContiguousStorageIfAvailable({ try JSONParser.parse($0) }) {
            self = value
        } else {
            self = try Array(bytes).withUnsafeBufferPointer { try JSONParser.parse($0) }
        }
    }

    /// Parses JSON text, keeping integers exact.
    public init(parsing text: String) throws {
        var text = text
        self = try text.withUTF8 { try JSONParser.parse($0) }
    }

    /// Compact JSON text with sorted keys, so that equal values give equal text (``JSONWriter``).
    public var serializedBytes: [UInt8] { JSONWriter.text(of: self) }

    /// ``serializedBytes`` as `Data`.
    public func serialized() -> Data { Data(serializedBytes) }

    /// The value as JSON text.
    public var jsonText: String { String(decoding: serializedBytes, as: UTF8.self) }

    /// Decodes a model from this value, with no JSON text in between (``JSONValueDecoder``);
    /// `notes`, when given, collects what decoding left out.
    public func decode<T: Decodable>(_ type: T.Type, notes: DecodingNotes? = nil) throws -> T {
        var decoder = JSONValueDecoder()
        if let notes { decoder.userInfo[DecodingNotes.userInfoKey] = notes }
        return try decoder.decode(type, from: self)
    }

    /// Encodes a model into a value, with no JSON text in between (``JSONValueEncoder``).
    public init(encoding value: some Encodable) throws {
        self = try JSONValueEncoder().encode(value)
    }
}
