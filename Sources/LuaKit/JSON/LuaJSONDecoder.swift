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
///
/// The parser is one loop over an explicit stack of open containers rather than a recursive
/// descent, so its C stack use does not grow with the document's nesting: deep documents
/// are refused at ``maxDepth`` with an error on any thread, whatever its stack size.
struct LuaJSONDecoder: ~Copyable {
    let L: OpaquePointer
    private let host: UnsafeMutablePointer<hws_host>
    let start: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    var p: UnsafePointer<UInt8>
    private let nullRef: lua_Integer
    private let arrayMarkerRef: lua_Integer
    private let objectMarkerRef: lua_Integer
    var scratch = JSONByteBuffer()
    private var open: LuaJSONOpenContainers
    let keyCache: UnsafeMutablePointer<LuaJSONKeyCache.Entry>
    private let keyCacheRef: lua_Integer
    /// The stack index of the key cache's table during a decode.
    var keyCacheIndex: Int32 = 0
    /// A step per value: the limits and interrupts reach inside a long decode.
    private var meter: LuaWorkMeter

    static let maxDepth = 1000
    /// Values staged on the stack for one container before it switches to filling its table
    /// as it goes (keeps the stack well inside `LUAI_MAXSTACK`).
    static let stageLimit: Int32 = 1 << 16
    /// Free stack slots made sure of on entering a container: enough for the values staged
    /// between two checks (16 array elements or 8 object pairs) plus a flush's two copies.
    static let stackReserve: Int32 = 40

    init(stack: LuaStack, context: LuaJSONContext, text: UnsafeRawBufferPointer) {
        L = stack.pointer
        host = hws_host_of(L)
        meter = LuaWorkMeter(stack)
        let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        start = base
        end = base + text.count
        p = base
        nullRef = lua_Integer(context.null.index)
        arrayMarkerRef = lua_Integer(context.arrayMarker.index)
        objectMarkerRef = lua_Integer(context.objectMarker.index)
        open = LuaJSONOpenContainers()
        keyCache = context.keyCache.entries
        keyCacheRef = lua_Integer(context.keyCache.table.index)
    }

    /// Decodes the whole text and pushes one value; on failure the stack is as it was.
    mutating func decode() throws(LuaJSONError) {
        let top = lua_gettop(L)
        do throws(LuaJSONError) {
            guard lua_checkstack(L, Self.stackReserve) != 0 else { throw LuaJSONError.memory }
            lua_rawgeti(L, hws_registryindex(), keyCacheRef)
            keyCacheIndex = lua_gettop(L)
            skipWhitespace()
            try parseDocument()
            lua_rotate(L, keyCacheIndex, -1)
            lua_settop(L, -2)
            skipWhitespace()
            if p < end { throw syntaxError("unexpected data after the JSON value") }
        } catch {
            lua_settop(L, top)
            throw error
        }
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while p < end {
            let c = p.pointee
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { p += 1 } else { return }
        }
    }

    // MARK: The loop

    /// Parses one value, containers included. Each turn of the outer loop reads a value at
    /// `p`: a scalar is pushed, an empty container is pushed whole, and a non-empty one is
    /// opened (its first key read) and the loop goes on with its first value. The inner loop
    /// then hands each finished value to its container and reads the separator: a comma goes
    /// back for the next value, a closing bracket finishes the container, which is in turn a
    /// finished value of the one around it.
    private mutating func parseDocument() throws(LuaJSONError) {
        nextValue: while true {
            do { try meter.charge() } catch { throw LuaJSONError(stopped: error) }
            guard p < end else { throw syntaxError("unexpected end of text, expected a value") }
            switch p.pointee {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = p.pointee == UInt8(ascii: "{")
                try enter()
                p += 1
                skipWhitespace()
                if p < end && p.pointee == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    p += 1
                    pushEmpty(markerRef: isObject ? objectMarkerRef : arrayMarkerRef)
                } else {
                    open.push(LuaJSONOpenContainer(base: lua_gettop(L), isObject: isObject))
                    if isObject { try parseKey() }
                    continue nextValue
                }
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
                throw unexpectedValue()
            }
            // A value is on top of the stack: give it to the containers it finishes.
            while !open.isEmpty {
                let isObject = open.top.isObject
                addMember(isObject: isObject)
                skipWhitespace()
                guard p < end else { throw unexpectedEnd(isObject: isObject) }
                let c = p.pointee
                p += 1
                if c == UInt8(ascii: ",") {
                    skipWhitespace()
                    if isObject { try parseKey() }
                    continue nextValue
                }
                guard c == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    p -= 1
                    throw unexpectedSeparator(c, isObject: isObject)
                }
                if open.top.table == 0 { _ = flush(open.top) }
                open.pop()
            }
            return
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

    /// Checks the depth, memory and stack room before a container is read.
    @inline(__always)
    private mutating func enter() throws(LuaJSONError) {
        if open.count >= Self.maxDepth { throw depthError() }
        if host.pointee.limit != 0 && host.pointee.used > host.pointee.limit { throw LuaJSONError.memory }
        guard lua_checkstack(L, Self.stackReserve) != 0 else { throw stackError() }
    }

    /// An empty array or object: a new table with its marker metatable.
    @inline(__always)
    private func pushEmpty(markerRef: lua_Integer) {
        lua_createtable(L, 0, 0)
        lua_rawgeti(L, hws_registryindex(), markerRef)
        lua_setmetatable(L, -2)
    }

    /// Reads an object key and its colon, leaving the key on the stack and `p` at the value.
    private mutating func parseKey() throws(LuaJSONError) {
        guard p < end, p.pointee == UInt8(ascii: "\"") else {
            if p >= end { throw syntaxError("unexpected end of text in an object, expected a key") }
            throw syntaxError("unexpected \(describe(p.pointee)) in an object, expected a string key")
        }
        try parseKeyString()
        skipWhitespace()
        guard p < end, p.pointee == UInt8(ascii: ":") else {
            if p >= end { throw syntaxError("unexpected end of text, expected ':' after an object key") }
            throw syntaxError("unexpected \(describe(p.pointee)), expected ':' after an object key")
        }
        p += 1
        skipWhitespace()
    }

    /// Stages the value on top (with its key, in an object) as the innermost container's
    /// next member, or stores it once the table exists.
    @inline(__always)
    private mutating func addMember(isObject: Bool) {
        var container = open.top
        defer { open.top = container }
        container.count += 1
        if container.table != 0 {
            if isObject {
                lua_rawset(L, container.table)
            } else {
                lua_rawseti(L, container.table, lua_Integer(container.count))
            }
        } else if container.count & (isObject ? 7 : 15) == 0 {
            // Checked every 8 pairs or 16 elements: each member takes at most two slots.
            if container.count >= Self.stageLimit || lua_checkstack(L, Self.stackReserve) == 0 {
                container.table = flush(container)
            }
        }
    }

    /// Moves a container's staged members into its new table at `base + 1`; returns its index.
    @inline(__always)
    private func flush(_ container: LuaJSONOpenContainer) -> Int32 {
        container.isObject ? flushObject(base: container.base, count: container.count) : flushArray(base: container.base, count: container.count)
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

    // MARK: Errors (kept out of line: the loop's frame stays small)

    @inline(never)
    func describe(_ c: UInt8) -> String {
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x" + String(c, radix: 16, uppercase: true)
    }

    @inline(never)
    private func depthError() -> LuaJSONError {
        syntaxError("nesting deeper than \(Self.maxDepth) levels (arrays and objects inside each other)")
    }

    @inline(never)
    private func unexpectedValue() -> LuaJSONError {
        syntaxError("unexpected \(describe(p.pointee)), expected a value")
    }

    @inline(never)
    private func unexpectedEnd(isObject: Bool) -> LuaJSONError {
        syntaxError(isObject ? "unexpected end of text in an object, expected ',' or '}'" : "unexpected end of text in an array, expected ',' or ']'")
    }

    @inline(never)
    private func unexpectedSeparator(_ c: UInt8, isObject: Bool) -> LuaJSONError {
        syntaxError("unexpected \(describe(c)) in \(isObject ? "an object, expected ',' or '}'" : "an array, expected ',' or ']'")")
    }

    @inline(never)
    private func stackError() -> LuaJSONError {
        syntaxError("document too large for the Lua stack")
    }

    @inline(never)
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
