/// A coding key made from any string, for fields this library does not model.
struct AnyCodingKey: CodingKey, Hashable {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// A model that keeps the JSON it was decoded from and writes it back out whole.
protocol JSONBackedModel: Codable {
    /// Everything that arrived, known fields and unknown ones alike.
    var json: JSONValue { get }
    /// Writes the fields the model names (``encodeKeepingJSON(to:)`` lays them over ``json``).
    func encodeModelledFields(to encoder: Encoder) throws
}

extension JSONBackedModel {
    /// Writes ``json`` with the modelled fields laid over it, so that nothing received is lost:
    /// fields this library does not model (nested ones too), nulls, and values it reads
    /// differently from how they were sent (an empty `errorReport`, a string `flooringBuildNumber`).
    func encodeKeepingJSON(to encoder: Encoder) throws {
        let modelled = try JSONValue(encoding: ModelledFields(model: self))
        try json.overlaid(with: modelled).encode(to: encoder)
    }
}

/// The modelled fields of a ``JSONBackedModel`` alone.
private struct ModelledFields<Model: JSONBackedModel>: Encodable {
    let model: Model
    func encode(to encoder: Encoder) throws { try model.encodeModelledFields(to: encoder) }
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

    /// An integer sent as a JSON number or a numeric string (`flooringBuildNumber` comes both ways).
    func decodeIntegerIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let value = try decode(JSONValue.self, forKey: key)
        guard let number = value.int64Value, let int = Int(exactly: number) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected an integer or a numeric string, got \(value.typeName)")
        }
        return int
    }

    /// A URL, where the service writes `""` for none.
    func decodeURLIfPresent(forKey key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let text = try decode(String.self, forKey: key)
        return text.trimmingSpaces.isEmpty ? nil : text
    }

    /// An array whose items are decoded one by one: an item that cannot be read (a link whose
    /// `href` is null, a download without a URL) is left out, with a note for the debug log,
    /// instead of failing the whole resource.
    func decodeArrayLeavingOutUnreadable<T: Decodable>(
        _ type: T.Type, forKey key: Key, notes decoder: Decoder
    ) throws -> [T]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        var items = try nestedUnkeyedContainer(forKey: key)
        var kept: [T] = []
        var index = 0
        while !items.isAtEnd {
            if let item = try? items.decode(T.self) {
                kept.append(item)
            } else {
                let skipped = try items.decode(JSONValue.self)
                let path = (codingPath + [key]).map(\.stringValue).joined(separator: ".")
                DecodingNotes.add("\(path)[\(index)] left out: it cannot be read as \(T.self) (\(skipped.jsonText.prefix(200)))", to: decoder)
            }
            index += 1
        }
        return kept
    }
}
