#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JSONValue {
    /// Parses JSON text, keeping integers exact.
    public init(parsing bytes: some Collection<UInt8>) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    /// Parses JSON text, keeping integers exact.
    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }

    /// Compact JSON text with sorted keys, so that equal values give equal text.
    public func serialized() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps to a JSON type, and
        // non-finite doubles are refused below before they reach the encoder.
        return (try? encoder.encode(self.replacingNonFiniteNumbers())) ?? Data("null".utf8)
    }

    /// The value as JSON text.
    public var jsonText: String { String(decoding: serialized(), as: UTF8.self) }

    /// Decodes a model from this value; `notes`, when given, collects what decoding left out.
    public func decode<T: Decodable>(_ type: T.Type, notes: DecodingNotes? = nil) throws -> T {
        let decoder = JSONDecoder()
        if let notes { decoder.userInfo[DecodingNotes.userInfoKey] = notes }
        return try decoder.decode(type, from: serialized())
    }

    /// Encodes a model into a value.
    public init(encoding value: some Encodable) throws {
        let data = try JSONEncoder().encode(value)
        try self.init(parsing: data)
    }

    private func replacingNonFiniteNumbers() -> JSONValue {
        switch self {
        case .number(let d) where !d.isFinite: return .null
        case .array(let a): return .array(a.map { $0.replacingNonFiniteNumbers() })
        case .object(let o): return .object(o.mapValues { $0.replacingNonFiniteNumbers() })
        default: return self
        }
    }
}
