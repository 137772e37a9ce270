/// A Lua value as a Swift value tree: what crosses the boundary by copy.
///
/// Strings are bytes (Lua strings may hold any bytes); integers are exact 64-bit values and
/// never pass through `Double`. A table whose keys are exactly 1...n becomes ``array``; any
/// other table becomes ``table``. Functions, userdata and threads have no copy: use
/// ``LuaRef`` for them.
public indirect enum LuaValue: Hashable, Sendable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string([UInt8])
    case array([LuaValue])
    case table([LuaValue: LuaValue])

    /// A string value from Swift text (its UTF-8 bytes).
    public init(_ text: String) {
        self = .string(Array(text.utf8))
    }

    /// The text of a string value (invalid UTF-8 becomes U+FFFD).
    public var stringValue: String? {
        if case .string(let bytes) = self { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    /// The value of a field, for tables and arrays.
    public subscript(key: String) -> LuaValue? {
        if case .table(let fields) = self { return fields[LuaValue(key)] }
        return nil
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self.init(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(nilLiteral: ()) { self = .nil }
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (LuaValue, LuaValue)...) {
        self = .table(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
