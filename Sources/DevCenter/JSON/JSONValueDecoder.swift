import Foundation

/// Decodes `Decodable` types straight from a ``JSONValue``, with no JSON text in between: an
/// answer is parsed once, and the models are read from that value.
///
/// It reads values as `JSONDecoder` with its default strategies reads the same JSON: numbers
/// convert to any numeric type that holds them exactly (`Int64` and `UInt64` from integers
/// without passing through `Double`), `null` and a missing key are both absent to
/// `decodeIfPresent`, `Date` is a number (seconds since 2001, Foundation's `deferredToDate`),
/// `Data` is base64 text, `URL` is text; nested, unkeyed and super decoders all work, and errors
/// are the same `DecodingError`s with the same coding paths. A ``JSONValue`` decoded with it is
/// the value itself, not a copy rebuilt field by field.
///
/// ```swift
/// let product = try JSONValueDecoder().decode(Product.self, from: json)
/// ```
public struct JSONValueDecoder: @unchecked Sendable {
    /// What every decoder it hands a model's `init(from:)` carries in `userInfo` (as
    /// `JSONDecoder`'s `userInfo`). Values put here must be safe to share between tasks.
    public var userInfo: [CodingUserInfoKey: Any] = [:]

    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoding(value, codingPath: [], userInfo: userInfo).decodeValue(type)
    }
}

/// One value being decoded, and where it is (the coding path).
final class JSONValueDecoding: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    init(_ value: JSONValue, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: Any]) {
        self.value = value
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw containerMismatch([String: Any].self, "keyed") }
        return KeyedDecodingContainer(JSONValueKeyedContainer<Key>(members: members, codingPath: codingPath, userInfo: userInfo))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw containerMismatch([Any].self, "unkeyed") }
        return JSONValueUnkeyedContainer(elements: elements, codingPath: codingPath, userInfo: userInfo)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // The errors and their texts are JSONDecoder's, so messages built from them read the same.

    private func mismatch(_ type: Any.Type) -> DecodingError {
        if value == .null {
            return .valueNotFound(type, .init(codingPath: codingPath, debugDescription: "Expected \(type) value but found null instead."))
        }
        return .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "Expected to decode \(type) but found \(Self.describe(value)) instead."))
    }

    private func containerMismatch(_ type: Any.Type, _ kind: String) -> DecodingError {
        if value == .null {
            return .valueNotFound(type, .init(codingPath: codingPath, debugDescription: "Cannot get \(kind) decoding container -- found null value instead"))
        }
        return mismatch(type)
    }

    private func notRepresentable(_ type: Any.Type) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "Parsed JSON number <\(value.jsonText)> does not fit in \(type)."))
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .integer, .number: "number"
        case .string: "a string"
        case .array: "an array"
        case .object: "a dictionary"
        }
    }

    // MARK: Reading this value

    /// `type` from this value, with the special cases `JSONDecoder` has.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self { return value as! T }
        // The models' most common collections, read without a decoder per element; anything
        // else in them (a number among the strings, say) takes the general way and its error.
        if T.self == [String].self, let elements = value.arrayValue {
            let strings = elements.compactMap(\.stringValue)
            if strings.count == elements.count { return strings as! T }
        }
        if T.self == [String: String].self, let members = value.objectValue {
            let strings = members.compactMapValues(\.stringValue)
            if strings.count == members.count { return strings as! T }
        }
        if T.self == Data.self {
            guard case .string(let text) = value else { throw mismatch(String.self) }
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "Encountered Data is not valid Base64."))
            }
            return data as! T
        }
        if T.self == URL.self {
            guard case .string(let text) = value else { throw mismatch(String.self) }
            guard let url = URL(string: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "Invalid URL string."))
            }
            return url as! T
        }
        if T.self == Decimal.self {
            let text: String
            switch value {
            case .integer(let i): text = String(i)
            case .number(let d): text = String(d)
            default: throw mismatch(Decimal.self)
            }
            guard let decimal = Decimal(string: text) else { throw notRepresentable(Decimal.self) }
            return decimal as! T
        }
        return try T(from: self)
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        switch value {
        case .integer(let i):
            if let exact = T(exactly: i) { return exact }
        case .number(let d):
            if let exact = T(exactly: d) { return exact }
        default:
            throw mismatch(type)
        }
        throw notRepresentable(type)
    }

    func floatingPoint<T: BinaryFloatingPoint>(_ type: T.Type) throws -> T {
        switch value {
        case .integer(let i): return T(i)
        case .number(let d):
            let converted = T(d)
            if converted.isFinite || !d.isFinite { return converted }
            throw notRepresentable(type)
        default: throw mismatch(type)
        }
    }
}

extension JSONValueDecoding: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let b) = value else { throw mismatch(type) }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw mismatch(type) }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double { try floatingPoint(type) }
    func decode(_ type: Float.Type) throws -> Float { try floatingPoint(type) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
}

/// The members of an object, read by key.
struct JSONValueKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> JSONValueDecoding {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(
                codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return JSONValueDecoding(value, codingPath: codingPath + [key], userInfo: userInfo)
    }

    // A member of the expected type is read straight from the value; anything else, errors
    // included, goes through `member(_:)` and its decoder (a class instance and a coding path
    // one key longer), so what is decoded and what is thrown stay the same.

    /// The member under `key`, unless it is missing or null (what `decodeIfPresent` skips).
    private func present(_ key: Key) -> JSONValue? {
        guard let value = members[key.stringValue], !value.isNull else { return nil }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let value = members[key.stringValue] else { return try member(key).decodeNil() }
        return value.isNull
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try members[key.stringValue]?.boolValue ?? member(key).decode(type)
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try members[key.stringValue]?.stringValue ?? member(key).decode(type)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try present(key).map { try $0.boolValue ?? member(key).decode(type) }
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try present(key).map { try $0.stringValue ?? member(key).decode(type) }
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try present(key).map { try $0.exactInteger ?? member(key).decode(type) }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { _ in try member(key).decodeValue(type) }
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try member(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try member(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try member(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try member(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try member(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try members[key.stringValue]?.exactInteger ?? member(key).decode(type)
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try member(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try member(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try member(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try member(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try member(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try member(key).unkeyedContainer() }

    /// The object itself under the key `super`, as `JSONDecoder` has it.
    func superDecoder() throws -> any Decoder {
        JSONValueDecoding(members["super"] ?? .null, codingPath: codingPath + [JSONValueIndexKey(stringValue: "super")], userInfo: userInfo)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONValueDecoding(members[key.stringValue] ?? .null, codingPath: codingPath + [key], userInfo: userInfo)
    }
}

/// The elements of an array, read in order.
struct JSONValueUnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: Any]) {
        self.elements = elements
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    /// The next element, consumed only when `read` succeeds (as `JSONDecoder` does).
    private mutating func next<T>(_ type: T.Type, _ read: (JSONValueDecoding) throws -> T) throws -> T {
        let path = codingPath + [JSONValueIndexKey(index: currentIndex)]
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "Unkeyed container is at end."))
        }
        let value = try read(JSONValueDecoding(elements[currentIndex], codingPath: path, userInfo: userInfo))
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                JSONValue.self, .init(codingPath: codingPath + [JSONValueIndexKey(index: currentIndex)], debugDescription: "Unkeyed container is at end."))
        }
        if elements[currentIndex] == .null {
            currentIndex += 1
            return true
        }
        return false
    }

    // As in the keyed container: an element of the expected type is read without a decoder.

    /// The next element when `read` takes it (it is of the expected type), consumed.
    private mutating func take<T>(_ read: (JSONValue) -> T?) -> T? {
        guard !isAtEnd, let value = read(elements[currentIndex]) else { return nil }
        currentIndex += 1
        return value
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try take(\.boolValue) ?? next(type) { try $0.decode(type) } }
    mutating func decode(_ type: String.Type) throws -> String { try take(\.stringValue) ?? next(type) { try $0.decode(type) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type) { try $0.decode(type) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type) { try $0.decode(type) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type) { try $0.decode(type) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type) { try $0.decode(type) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type) { try $0.decode(type) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type) { try $0.decode(type) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try take(\.exactInteger) ?? next(type) { try $0.decode(type) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type) { try $0.decode(type) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type) { try $0.decode(type) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type) { try $0.decode(type) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type) { try $0.decode(type) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type) { try $0.decode(type) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type) { try $0.decodeValue(type) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next(KeyedDecodingContainer<NestedKey>.self) { try $0.container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next((any UnkeyedDecodingContainer).self) { try $0.unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder { try next((any Decoder).self) { $0 } }
}

/// A coding key for an array index, or the `super` key.
struct JSONValueIndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init?(intValue: Int) { self.init(index: intValue) }
}

extension JSONValue {
    /// The value when it is a JSON integer: what decoding an `Int64` reads without converting.
    var exactInteger: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }
}
