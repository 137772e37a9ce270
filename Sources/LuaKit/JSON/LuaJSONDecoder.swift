import CLua
#if canImport(Glibc)
import Glibc
#endif

/// Decodes JSON text straight onto a Lua stack: no intermediate Swift tree, no per-character
/// Swift strings.
///
/// Objects become tables and arrays sequences, built from values staged on the stack so
/// each table is created once at its final size. Integers that fit 64 bits stay integers;
/// other numbers become floats. `null` becomes the ``LuaJSONContext`` sentinel. Empty arrays
/// and objects get the marker metatables, so they encode back as they came.
struct LuaJSONDecoder: ~Copyable {
    let L: OpaquePointer
    private let host: UnsafeMutablePointer<hws_host>
    let start: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    var p: UnsafePointer<UInt8>
    private var depth = 0
    private let nullRef: lua_Integer
    private let arrayMarkerRef: lua_Integer
    private let objectMarkerRef: lua_Integer
    var scratch = JSONByteBuffer()

    static let maxDepth = 1000
    /// Values staged on the stack for one container before it switches to filling its table
    /// as it goes (keeps the stack well inside `LUAI_MAXSTACK`).
    static let stageLimit: Int32 = 1 << 16

    init(stack: LuaStack, context: LuaJSONContext, text: UnsafeRawBufferPointer) {
        L = stack.pointer
        host = hws_host_of(L)
        let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        start = base
        end = base + text.count
        p = base
        nullRef = lua_Integer(context.null.index)
        arrayMarkerRef = lua_Integer(context.arrayMarker.index)
        objectMarkerRef = lua_Integer(context.objectMarker.index)
    }

    /// Decodes the whole text and pushes one value; on failure the stack is as it was.
    mutating func decode() throws(LuaJSONError) {
        let top = lua_gettop(L)
        do throws(LuaJSONError) {
            guard lua_checkstack(L, 32) != 0 else { throw LuaJSONError.memory }
            skipWhitespace()
            try parseValue()
            skipWhitespace()
            if p < end { throw syntaxError("unexpected data after the JSON value") }
        } catch {
            lua_settop(L, top)
            throw error
        }
    }

    // MARK: Values

    @inline(__always)
    private mutating func skipWhitespace() {
        while p < end {
            let c = p.pointee
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { p += 1 } else { return }
        }
    }

    mutating func parseValue() throws(LuaJSONError) {
        guard p < end else { throw syntaxError("unexpected end of text, expected a value") }
        switch p.pointee {
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            lua_pushboolean(L, 1)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            lua_pushboolean(L, 0)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            lua_rawgeti(L, hws_registryindex(), nullRef)
        default:
            throw syntaxError("unexpected \(describe(p.pointee)), expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(LuaJSONError) {
        let count = literal.utf8CodeUnitCount
        if end - p >= count && memcmp(p, literal.utf8Start, count) == 0 {
            p += count
            return
        }
        throw syntaxError("invalid literal, expected '\(literal)'")
    }

    // MARK: Containers

    private mutating func enter() throws(LuaJSONError) {
        depth += 1
        if depth > Self.maxDepth { throw syntaxError("nesting deeper than \(Self.maxDepth) levels") }
        if host.pointee.limit != 0 && host.pointee.used > host.pointee.limit { throw LuaJSONError.memory }
        guard lua_checkstack(L, 40) != 0 else { throw syntaxError("document too large for the Lua stack") }
    }

    private mutating func parseArray() throws(LuaJSONError) {
        try enter()
        p += 1
        skipWhitespace()
        if p < end && p.pointee == UInt8(ascii: "]") {
            p += 1
            lua_createtable(L, 0, 0)
            lua_rawgeti(L, hws_registryindex(), arrayMarkerRef)
            lua_setmetatable(L, -2)
            depth -= 1
            return
        }
        let base = lua_gettop(L)
        var count: Int32 = 0
        var table: Int32 = 0  // nonzero once the table exists and fills as it goes
        while true {
            try parseValue()
            count += 1
            if table != 0 {
                lua_rawseti(L, table, lua_Integer(count))
            } else if count & 15 == 0 {
                if count >= Self.stageLimit || lua_checkstack(L, 40) == 0 {
                    table = flushArray(base: base, count: count)
                }
            }
            skipWhitespace()
            guard p < end else { throw syntaxError("unexpected end of text in an array, expected ',' or ']'") }
            let c = p.pointee
            p += 1
            if c == UInt8(ascii: ",") {
                skipWhitespace()
                continue
            }
            if c == UInt8(ascii: "]") { break }
            p -= 1
            throw syntaxError("unexpected \(describe(c)) in an array, expected ',' or ']'")
        }
        if table == 0 { _ = flushArray(base: base, count: count) }
        depth -= 1
    }

    /// Moves `count` staged values into a new table at `base + 1`; returns its index.
    private func flushArray(base: Int32, count: Int32) -> Int32 {
        lua_createtable(L, count, 0)
        lua_rotate(L, base + 1, 1)
        var i = count
        while i > 0 {
            lua_rawseti(L, base + 1, lua_Integer(i))
            i -= 1
        }
        return base + 1
    }

    private mutating func parseObject() throws(LuaJSONError) {
        try enter()
        p += 1
        skipWhitespace()
        if p < end && p.pointee == UInt8(ascii: "}") {
            p += 1
            lua_createtable(L, 0, 0)
            lua_rawgeti(L, hws_registryindex(), objectMarkerRef)
            lua_setmetatable(L, -2)
            depth -= 1
            return
        }
        let base = lua_gettop(L)
        var count: Int32 = 0
        var table: Int32 = 0
        while true {
            guard p < end, p.pointee == UInt8(ascii: "\"") else {
                if p >= end { throw syntaxError("unexpected end of text in an object, expected a key") }
                throw syntaxError("unexpected \(describe(p.pointee)) in an object, expected a string key")
            }
            try parseString()
            skipWhitespace()
            guard p < end, p.pointee == UInt8(ascii: ":") else {
                if p >= end { throw syntaxError("unexpected end of text, expected ':' after an object key") }
                throw syntaxError("unexpected \(describe(p.pointee)), expected ':' after an object key")
            }
            p += 1
            skipWhitespace()
            try parseValue()
            count += 1
            if table != 0 {
                lua_rawset(L, table)
            } else if count & 7 == 0 {
                if count >= Self.stageLimit || lua_checkstack(L, 40) == 0 {
                    table = flushObject(base: base, count: count)
                }
            }
            skipWhitespace()
            guard p < end else { throw syntaxError("unexpected end of text in an object, expected ',' or '}'") }
            let c = p.pointee
            p += 1
            if c == UInt8(ascii: ",") {
                skipWhitespace()
                continue
            }
            if c == UInt8(ascii: "}") { break }
            p -= 1
            throw syntaxError("unexpected \(describe(c)) in an object, expected ',' or '}'")
        }
        if table == 0 { _ = flushObject(base: base, count: count) }
        depth -= 1
    }

    /// Moves `count` staged key/value pairs into a new table at `base + 1`, in order, so a
    /// repeated key keeps its last value; returns the table's index.
    private func flushObject(base: Int32, count: Int32) -> Int32 {
        lua_createtable(L, 0, count)
        let table = lua_gettop(L)
        var slot = base + 1
        for _ in 0..<count {
            lua_pushvalue(L, slot)
            lua_pushvalue(L, slot + 1)
            lua_rawset(L, table)
            slot += 2
        }
        lua_copy(L, table, base + 1)
        lua_settop(L, base + 1)
        return base + 1
    }

    // MARK: Errors

    func describe(_ c: UInt8) -> String {
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x" + String(c, radix: 16, uppercase: true)
    }

    func syntaxError(_ reason: String) -> LuaJSONError {
        var line = 1
        var lineStart = start
        var q = start
        let stop = min(p, end)
        while q < stop {
            if q.pointee == 0x0A {
                line += 1
                lineStart = q + 1
            }
            q += 1
        }
        return LuaJSONError(syntax: reason, line: line, column: stop - lineStart + 1)
    }
}
