import CLua

/// Encodes a Lua value straight into a byte buffer.
///
/// A table with the array marker encodes as an array, with the object marker as an object;
/// otherwise a non-empty table whose keys are exactly 1...n is an array and anything else
/// an object (integer keys become their decimal digits, float keys Lua's `tostring` spelling,
/// `%.14g`; a table with two keys spelled alike, such as `1` and `"1"`, is refused rather than
/// written with a duplicate name). The `null` sentinel (and a NULL light
/// userdata, as lua-cjson's `cjson.null`) encodes as `null`. NaN, infinities, cycles,
/// functions, other userdata, threads and strings that are not UTF-8 are refused, naming
/// the path of the offending value.
///
/// The work is metered (``LuaWorkMeter``): a step per value and per 32 bytes of string, and the
/// output buffer counted against the memory limit, so a table that shares its parts (`t = {t,
/// t}` fifty times: 2^50 values to write) is stopped by the instruction, time and memory
/// limits, and by Ctrl-C.
struct LuaJSONEncoder: ~Copyable {
    private let L: OpaquePointer
    private let options: LuaJSONEncodeOptions
    private let nullRef: lua_Integer
    private let arrayMarkerRef: lua_Integer
    private let objectMarkerRef: lua_Integer
    var output = JSONByteBuffer()
    private var visiting: [UnsafeRawPointer] = []
    private var meter: LuaWorkMeter
    private var held = 0

    static let maxDepth = 1000

    init(stack: LuaStack, context: LuaJSONContext, options: LuaJSONEncodeOptions) {
        L = stack.pointer
        meter = LuaWorkMeter(stack)
        self.options = options
        nullRef = lua_Integer(context.null.index)
        arrayMarkerRef = lua_Integer(context.arrayMarker.index)
        objectMarkerRef = lua_Integer(context.objectMarker.index)
    }

    /// A failure on the way out, with the path built up as the recursion unwinds.
    private struct Failure: Error {
        var reason: String
        var path: [PathStep] = []
        /// Set when a limit or an interrupt stopped the work (no path then).
        var stop: LuaWorkStopped?
    }

    private enum PathStep {
        case index(Int64)
        case key(String)
    }

    /// Encodes the value at `index` into ``output``. On failure the stack is as it was.
    mutating func encode(at index: Int32) throws(LuaJSONError) {
        let top = lua_gettop(L)
        do throws(Failure) {
            try encodeValue(at: lua_absindex(L, index))
        } catch {
            lua_settop(L, top)
            if let stop = error.stop { throw LuaJSONError(stopped: stop) }
            throw LuaJSONError(unencodable: error.reason, path: Self.format(error.path.reversed()))
        }
    }

    /// Charges `steps` to the meter, and the output buffer when it has grown.
    @inline(__always)
    private mutating func charge(_ steps: Int) throws(Failure) {
        do {
            try meter.charge(steps)
            if output.capacity != held {
                held = output.capacity
                try meter.hold(held)
            }
        } catch {
            throw Failure(reason: "stopped", stop: error)
        }
    }

    private mutating func encodeValue(at index: Int32) throws(Failure) {
        try charge(1)
        switch lua_type(L, index) {
        case LUA_TNIL:
            output.append("null")
        case LUA_TBOOLEAN:
            output.append(lua_toboolean(L, index) != 0 ? "true" : "false")
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 {
                output.append(integer: lua_tointegerx(L, index, nil))
            } else {
                try encodeFloat(lua_tonumberx(L, index, nil))
            }
        case LUA_TSTRING:
            var length = 0
            let data = lua_tolstring(L, index, &length)!
            try encodeString(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
        case LUA_TTABLE:
            try encodeTable(at: index)
        case LUA_TUSERDATA:
            lua_rawgeti(L, hws_registryindex(), nullRef)
            let isNull = lua_rawequal(L, index, -1) != 0
            hws_pop(L, 1)
            guard isNull else { throw Failure(reason: "cannot encode a \(LuaStack(L).typeName(at: index)) value") }
            output.append("null")
        case LUA_TLIGHTUSERDATA:
            guard lua_touserdata(L, index) == nil else { throw Failure(reason: "cannot encode a light userdata value") }
            output.append("null")
        default:
            throw Failure(reason: "cannot encode a \(LuaType(rawValue: lua_type(L, index))?.name ?? "?") value")
        }
    }

    private mutating func encodeFloat(_ value: Double) throws(Failure) {
        if value.isNaN { throw Failure(reason: "cannot encode NaN") }
        if value.isInfinite { throw Failure(reason: "cannot encode \(value < 0 ? "-inf" : "inf") (infinity)") }
        output.append(value.description)
    }

    private static let escapes: [UInt8] = {
        // 0: copy; 1: \uXXXX; other: the letter after the backslash.
        var table = [UInt8](repeating: 0, count: 256)
        for c in 0..<0x20 { table[c] = 1 }
        table[0x08] = UInt8(ascii: "b")
        table[0x09] = UInt8(ascii: "t")
        table[0x0A] = UInt8(ascii: "n")
        table[0x0C] = UInt8(ascii: "f")
        table[0x0D] = UInt8(ascii: "r")
        table[0x22] = UInt8(ascii: "\"")
        table[0x5C] = UInt8(ascii: "\\")
        for c in 0x80..<0x100 { table[c] = 2 }
        return table
    }()

    private mutating func encodeString(_ bytes: UnsafePointer<UInt8>, count: Int) throws(Failure) {
        try charge(count >> 5)
        output.reserve(count + 2)
        output.appendUnchecked(UInt8(ascii: "\""))
        try Self.escapes.withUnsafeBufferPointer { (escapes) throws(Failure) in
            var i = 0
            var runStart = 0
            while i < count {
                let c = bytes[i]
                let action = escapes[Int(c)]
                if action == 0 {
                    i += 1
                    continue
                }
                if action == 2 {
                    let length = Self.utf8SequenceLength(bytes + i, available: count - i)
                    if length == 0 { throw Failure(reason: "cannot encode a string that is not valid UTF-8 (byte \(i + 1))") }
                    i += length
                    continue
                }
                output.append(UnsafeRawBufferPointer(start: bytes + runStart, count: i - runStart))
                output.reserve(6)
                output.appendUnchecked(UInt8(ascii: "\\"))
                if action == 1 {
                    output.appendUnchecked(UInt8(ascii: "u"))
                    output.appendUnchecked(UInt8(ascii: "0"))
                    output.appendUnchecked(UInt8(ascii: "0"))
                    output.appendUnchecked(Self.hexDigit(c >> 4))
                    output.appendUnchecked(Self.hexDigit(c & 0xF))
                } else {
                    output.appendUnchecked(action)
                }
                i += 1
                runStart = i
            }
            output.append(UnsafeRawBufferPointer(start: bytes + runStart, count: count - runStart))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? v + 48 : v + 87 }

    /// The length of the valid UTF-8 sequence at `s`, or 0 when it is not valid.
    private static func utf8SequenceLength(_ s: UnsafePointer<UInt8>, available: Int) -> Int {
        let c = s[0]
        func continuation(_ i: Int) -> Bool { i < available && s[i] & 0xC0 == 0x80 }
        switch c {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return 0 }
            if c == 0xE0 && s[1] < 0xA0 { return 0 }  // overlong
            if c == 0xED && s[1] >= 0xA0 { return 0 }  // surrogate
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return 0 }
            if c == 0xF0 && s[1] < 0x90 { return 0 }
            if c == 0xF4 && s[1] >= 0x90 { return 0 }
            return 4
        default:
            return 0
        }
    }

    // MARK: Tables

    private enum Shape { case array(Int64), object }

    private func shape(of index: Int32) -> Shape {
        if lua_getmetatable(L, index) != 0 {
            lua_rawgeti(L, hws_registryindex(), arrayMarkerRef)
            if lua_rawequal(L, -1, -2) != 0 {
                hws_pop(L, 2)
                return .array(Int64(lua_rawlen(L, index)))
            }
            hws_pop(L, 1)
            lua_rawgeti(L, hws_registryindex(), objectMarkerRef)
            let isObject = lua_rawequal(L, -1, -2) != 0
            hws_pop(L, 2)
            if isObject { return .object }
        }
        var count: Int64 = 0
        var maxKey: Int64 = 0
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            hws_pop(L, 1)
            guard lua_isinteger(L, -1) != 0 else {
                hws_pop(L, 1)
                return .object
            }
            let key = lua_tointegerx(L, -1, nil)
            guard key > 0 else {
                hws_pop(L, 1)
                return .object
            }
            if key > maxKey { maxKey = key }
            count += 1
        }
        return count > 0 && maxKey == count ? .array(count) : .object
    }

    private mutating func encodeTable(at index: Int32) throws(Failure) {
        let identity = lua_topointer(L, index)!
        if visiting.contains(identity) { throw Failure(reason: "cannot encode a table that contains itself (a cycle)") }
        if visiting.count >= Self.maxDepth { throw Failure(reason: "cannot encode tables nested deeper than \(Self.maxDepth) levels") }
        guard lua_checkstack(L, 8) != 0 else { throw Failure(reason: "not enough Lua stack to encode") }
        visiting.append(identity)
        defer { visiting.removeLast() }
        switch shape(of: index) {
        case .array(let count):
            try encodeArray(at: index, count: count)
        case .object:
            try encodeObject(at: index)
        }
    }

    private mutating func newline() {
        guard options.indent > 0 else { return }
        let width = options.indent * visiting.count
        output.reserve(width + 1)
        output.appendUnchecked(0x0A)
        for _ in 0..<width { output.appendUnchecked(0x20) }
    }

    private mutating func closeContainer(_ bracket: UInt8) {
        if options.indent > 0 {
            let width = options.indent * (visiting.count - 1)
            output.reserve(width + 1)
            output.appendUnchecked(0x0A)
            for _ in 0..<width { output.appendUnchecked(0x20) }
        }
        output.append(bracket)
    }

    private mutating func encodeArray(at index: Int32, count: Int64) throws(Failure) {
        output.append(UInt8(ascii: "["))
        if count == 0 {
            output.append(UInt8(ascii: "]"))
            return
        }
        var i: Int64 = 1
        while i <= count {
            if i > 1 { output.append(UInt8(ascii: ",")) }
            newline()
            lua_rawgeti(L, index, i)
            do {
                try encodeValue(at: lua_gettop(L))
            } catch {
                var error = error
                error.path.append(.index(i))
                throw error
            }
            hws_pop(L, 1)
            i += 1
        }
        closeContainer(UInt8(ascii: "]"))
    }

    private mutating func encodeObject(at index: Int32) throws(Failure) {
        output.append(UInt8(ascii: "{"))
        var first = true
        if options.sortKeys {
            // Stage a copy of every key on the stack, sort by the key's JSON text, then look
            // each value up by its original key.
            let base = lua_gettop(L)
            var keys: [(text: [UInt8], slot: Int32)] = []
            lua_pushnil(L)
            while lua_next(L, index) != 0 {
                hws_pop(L, 1)
                keys.append((try keyText(at: -1), lua_gettop(L)))
                guard lua_checkstack(L, 8) != 0 else { throw Failure(reason: "not enough Lua stack to sort the keys") }
                lua_pushvalue(L, -1)
            }
            keys.sort { $0.text.lexicographicallyPrecedes($1.text) }
            for (a, b) in zip(keys, keys.dropFirst()) where a.text == b.text {
                throw collision(a.text, in: index)
            }
            for key in keys {
                lua_pushvalue(L, key.slot)
                lua_rawget(L, index)
                try encodeMember(key: key.text, first: &first)
            }
            lua_settop(L, base)
        } else {
            // Only a number key can spell the same JSON text as another key (1 and "1"), so
            // only tables with number keys are checked, once their members are written.
            var numberKeys: Set<[UInt8]> = []
            lua_pushnil(L)
            while lua_next(L, index) != 0 {
                let text = try keyText(at: -2)
                if lua_type(L, -2) == LUA_TNUMBER, !numberKeys.insert(text).inserted { throw collision(text, in: index) }
                try encodeMember(key: text, first: &first)
            }
            if !numberKeys.isEmpty { try refuseStringKeys(spelling: numberKeys, in: index) }
        }
        if first {
            output.append(UInt8(ascii: "}"))
            return
        }
        closeContainer(UInt8(ascii: "}"))
    }

    /// Writes `"key": value` for the value on top of the stack, and pops it.
    private mutating func encodeMember(key: [UInt8], first: inout Bool) throws(Failure) {
        if !first { output.append(UInt8(ascii: ",")) }
        first = false
        newline()
        try key.withUnsafeBufferPointer { (buffer) throws(Failure) in
            try encodeString(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: buffer.count)
        }
        output.append(UInt8(ascii: ":"))
        if options.indent > 0 { output.append(UInt8(ascii: " ")) }
        do {
            try encodeValue(at: lua_gettop(L))
        } catch {
            var error = error
            error.path.append(.key(String(decoding: key, as: UTF8.self)))
            throw error
        }
        hws_pop(L, 1)
    }

    /// Refuses a string key of the table at `index` whose text is that of a number key.
    private func refuseStringKeys(spelling numberKeys: Set<[UInt8]>, in index: Int32) throws(Failure) {
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            hws_pop(L, 1)
            guard lua_type(L, -1) == LUA_TSTRING else { continue }
            let text = try keyText(at: -1)
            if numberKeys.contains(text) { throw collision(text, in: index) }
        }
    }

    /// Two keys of the table at `index` that JSON would spell the same (`1` and `"1"`): an
    /// object with a duplicate name, which JSON readers take differently (most keep the last).
    private func collision(_ text: [UInt8], in index: Int32) -> Failure {
        var names: [String] = []
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            hws_pop(L, 1)
            guard (try? keyText(at: -1)) == text else { continue }
            switch lua_type(L, -1) {
            case LUA_TSTRING: names.append("\"\(String(decoding: text, as: UTF8.self))\"")
            default:
                names.append(lua_isinteger(L, -1) != 0 ? String(lua_tointegerx(L, -1, nil)) : "\(lua_tonumberx(L, -1, nil)) (a float)")
            }
        }
        return Failure(reason: "cannot encode a table whose keys \(names.joined(separator: " and ")) are both \"\(String(decoding: text, as: UTF8.self))\" in JSON (a duplicate name); keep one of them")
    }

    /// A float as Lua's `tostring` spells it (`%.14g`): what a float key becomes.
    private static func floatText(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let length = Int(hws_format_float(value, buffer.baseAddress!, 64))
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: length), as: UTF8.self)
        }
    }

    /// The JSON text of the table key at `index`: strings as they are, integers in decimal,
    /// floats as Lua's `tostring` spells them (`0.5`, `1e+100`, `9.2233720368548e+18`).
    private func keyText(at index: Int32) throws(Failure) -> [UInt8] {
        switch lua_type(L, index) {
        case LUA_TSTRING:
            var length = 0
            let data = lua_tolstring(L, index, &length)!
            return [UInt8](UnsafeRawBufferPointer(start: data, count: length))
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return Array(String(lua_tointegerx(L, index, nil)).utf8) }
            return Array(Self.floatText(lua_tonumberx(L, index, nil)).utf8)
        default:
            throw Failure(reason: "cannot encode a table key of type \(LuaStack(L).typeName(at: index))")
        }
    }

    private static func format(_ steps: [PathStep]) -> String {
        var path = ""
        for step in steps {
            switch step {
            case .index(let i):
                path += "[\(i)]"
            case .key(let key):
                let isIdentifier = !key.isEmpty && key.utf8.allSatisfy { c in
                    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F
                } && !(key.utf8.first! >= 0x30 && key.utf8.first! <= 0x39)
                if isIdentifier {
                    path += "." + key
                } else {
                    var escaped = ""
                    for ch in key {
                        switch ch {
                        case "\"": escaped += "\\\""
                        case "\\": escaped += "\\\\"
                        default: escaped.append(ch)
                        }
                    }
                    path += "[\"\(escaped)\"]"
                }
            }
        }
        return path
    }
}
