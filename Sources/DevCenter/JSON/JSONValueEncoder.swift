import Foundation

/// Encodes `Encodable` types straight into a ``JSONValue``, with no JSON text in between.
///
/// It writes what `JSONEncoder` with its default strategies writes: two keyed containers asked
/// of one encoder fill one object (later keys win), `encodeIfPresent` of `nil` writes nothing,
/// `Date` is a number (Foundation's `deferredToDate`), `Data` base64 text, `URL` its absolute
/// text; a ``JSONValue`` is placed as it is.
///
/// ```swift
/// let body = try JSONValueEncoder().encode(newProduct)
/// ```
public struct JSONValueEncoder: Sendable {
    public init() {}

    public func encode(_ value: some Encodable) throws -> JSONValue {
        let encoding = JSONValueEncoding(codingPath: [])
        try encoding.encodeValue(value)
        return encoding.storage.value
    }
}

/// A value being built: containers write into it as encoding goes on, nested ones included.
final class JSONValueStorage {
    enum Content {
        case empty
        case value(JSONValue)
        case object([String: JSONValueStorage])
        case array([JSONValueStorage])
    }

    var content: Content = .empty

    /// The finished value (an encoder given nothing is an empty object, as `JSONEncoder` has it).
    var value: JSONValue {
        switch content {
        case .empty: return .object([:])
        case .value(let v): return v
        case .object(let members): return .object(members.mapValues(\.value))
        case .array(let elements): return .array(elements.map(\.value))
        }
    }

    /// This storage as an object, made one if it is not one yet.
    func objectMembers() -> [String: JSONValueStorage] {
        if case .object(let members) = content { return members }
        content = .object([:])
        return [:]
    }

    func set(_ key: String, _ child: JSONValueStorage) {
        var members = objectMembers()
        members[key] = child
        content = .object(members)
    }

    func append(_ child: JSONValueStorage) {
        var elements: [JSONValueStorage] = []
        if case .array(let existing) = content { elements = existing }
        elements.append(child)
        content = .array(elements)
    }
}

/// One value being encoded, and where it is (the coding path).
final class JSONValueEncoding: Encoder {
    let storage: JSONValueStorage
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(codingPath: [any CodingKey], storage: JSONValueStorage = JSONValueStorage()) {
        self.codingPath = codingPath
        self.storage = storage
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        _ = storage.objectMembers()
        return KeyedEncodingContainer(JSONValueKeyedEncodingContainer<Key>(storage: storage, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = storage.content {} else { storage.content = .array([]) }
        return JSONValueUnkeyedEncodingContainer(storage: storage, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// `value` into this storage, with the special cases `JSONEncoder` has.
    func encodeValue<T: Encodable>(_ value: T) throws {
        switch value {
        case let json as JSONValue: storage.content = .value(json)
        case let data as Data: storage.content = .value(.string(data.base64EncodedString()))
        case let url as URL: storage.content = .value(.string(url.absoluteString))
        case let decimal as Decimal:
            let text = decimal.description
            storage.content = .value(Int64(text).map(JSONValue.integer) ?? .number(Double(text) ?? 0))
        default: try value.encode(to: self)
        }
    }

    func put(_ value: JSONValue) { storage.content = .value(value) }

    func number<T: BinaryFloatingPoint>(_ value: T) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "Unable to encode \(T.self).\(value) directly in JSON."))
        }
        let double = Double(value)
        put(Int64(exactly: double).map(JSONValue.integer) ?? .number(double))
    }

    func integer<T: FixedWidthInteger>(_ value: T) throws {
        if let exact = Int64(exactly: value) { put(.integer(exact)) } else { put(.number(Double(value))) }
    }
}

extension JSONValueEncoding: SingleValueEncodingContainer {
    func encodeNil() { put(.null) }
    func encode(_ value: Bool) { put(.bool(value)) }
    func encode(_ value: String) { put(.string(value)) }
    func encode(_ value: Double) throws { try number(value) }
    func encode(_ value: Float) throws { try number(value) }
    func encode(_ value: Int) throws { try integer(value) }
    func encode(_ value: Int8) throws { try integer(value) }
    func encode(_ value: Int16) throws { try integer(value) }
    func encode(_ value: Int32) throws { try integer(value) }
    func encode(_ value: Int64) throws { try integer(value) }
    func encode(_ value: UInt) throws { try integer(value) }
    func encode(_ value: UInt8) throws { try integer(value) }
    func encode(_ value: UInt16) throws { try integer(value) }
    func encode(_ value: UInt32) throws { try integer(value) }
    func encode(_ value: UInt64) throws { try integer(value) }
    func encode<T: Encodable>(_ value: T) throws { try encodeValue(value) }
}

/// Writes an object's members by key.
struct JSONValueKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: JSONValueStorage
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> JSONValueEncoding {
        let child = JSONValueEncoding(codingPath: codingPath + [key])
        storage.set(key.stringValue, child.storage)
        return child
    }

    mutating func encodeNil(forKey key: Key) { child(key).encodeNil() }
    mutating func encode(_ value: Bool, forKey key: Key) { child(key).encode(value) }
    mutating func encode(_ value: String, forKey key: Key) { child(key).encode(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try child(key).encode(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try child(key).encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        child(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { child(key).unkeyedContainer() }

    mutating func superEncoder() -> any Encoder {
        let child = JSONValueEncoding(codingPath: codingPath + [JSONValueIndexKey(stringValue: "super")])
        storage.set("super", child.storage)
        return child
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { child(key) }
}

/// Appends an array's elements.
struct JSONValueUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let storage: JSONValueStorage
    let codingPath: [any CodingKey]

    var count: Int {
        if case .array(let elements) = storage.content { return elements.count }
        return 0
    }

    private func next() -> JSONValueEncoding {
        let child = JSONValueEncoding(codingPath: codingPath + [JSONValueIndexKey(index: count)])
        storage.append(child.storage)
        return child
    }

    mutating func encodeNil() { next().encodeNil() }
    mutating func encode(_ value: Bool) { next().encode(value) }
    mutating func encode(_ value: String) { next().encode(value) }
    mutating func encode(_ value: Double) throws { try next().encode(value) }
    mutating func encode(_ value: Float) throws { try next().encode(value) }
    mutating func encode(_ value: Int) throws { try next().encode(value) }
    mutating func encode(_ value: Int8) throws { try next().encode(value) }
    mutating func encode(_ value: Int16) throws { try next().encode(value) }
    mutating func encode(_ value: Int32) throws { try next().encode(value) }
    mutating func encode(_ value: Int64) throws { try next().encode(value) }
    mutating func encode(_ value: UInt) throws { try next().encode(value) }
    mutating func encode(_ value: UInt8) throws { try next().encode(value) }
    mutating func encode(_ value: UInt16) throws { try next().encode(value) }
    mutating func encode(_ value: UInt32) throws { try next().encode(value) }
    mutating func encode(_ value: UInt64) throws { try next().encode(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try next().encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        next().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { next().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder { next() }
}
