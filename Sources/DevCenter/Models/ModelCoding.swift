/// A coding key made from any string, for fields this library does not model.
struct AnyCodingKey: CodingKey, Hashable {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// A model that keeps the JSON it was decoded from and writes its unknown fields back out.
protocol JSONBackedModel: Codable {
    associatedtype CodingKeys: CodingKey & CaseIterable & RawRepresentable where CodingKeys.RawValue == String
    /// Everything that arrived, known fields and unknown ones alike.
    var json: JSONValue { get }
}

extension JSONBackedModel {
    /// Writes the fields of ``json`` that ``CodingKeys`` does not name, so nothing received is dropped.
    func encodeUnknownFields(to encoder: Encoder) throws {
        guard case .object(let members) = json else { return }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for (key, value) in members where !known.contains(key) {
            try container.encode(value, forKey: AnyCodingKey(key))
        }
    }
}

/// Fields of a request model beyond the ones it names, passed through to the service unchanged.
protocol PassThroughRequest: Codable {
    associatedtype CodingKeys: CodingKey & CaseIterable & RawRepresentable where CodingKeys.RawValue == String
    var additionalFields: [String: JSONValue] { get set }
}

extension PassThroughRequest {
    static func decodeAdditionalFields(from decoder: Decoder) throws -> [String: JSONValue] {
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        guard case .object(let members) = try JSONValue(from: decoder) else { return [:] }
        return members.filter { !known.contains($0.key) }
    }

    func encodeAdditionalFields(to encoder: Encoder) throws {
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for (key, value) in additionalFields where !known.contains(key) {
            try container.encode(value, forKey: AnyCodingKey(key))
        }
    }
}

extension KeyedDecodingContainer {
    /// A 64-bit ID sent as a JSON number or a numeric string, decoded exactly.
    func decodeID(forKey key: Key) throws -> Int64 {
        if let value = try? decode(Int64.self, forKey: key) { return value }
        let text = try decode(String.self, forKey: key)
        guard let value = Int64(text.trimmingSpaces) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected a 64-bit integer ID, got \"\(text)\"")
        }
        return value
    }

    func decodeIDIfPresent(forKey key: Key) throws -> Int64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeID(forKey: key)
    }

    func decodeIDsIfPresent(forKey key: Key) throws -> [Int64]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let values = try decode([JSONValue].self, forKey: key)
        return try values.map { value in
            guard let id = value.int64Value else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: self, debugDescription: "expected 64-bit integer IDs, got \(value.typeName)")
            }
            return id
        }
    }

    /// A list of messages: plain strings, or objects the service sometimes sends instead.
    func decodeMessagesIfPresent(forKey key: Key) throws -> [String] {
        guard contains(key), try !decodeNil(forKey: key) else { return [] }
        return try decode([JSONValue].self, forKey: key).map { $0.stringValue ?? $0.jsonText }
    }
}
