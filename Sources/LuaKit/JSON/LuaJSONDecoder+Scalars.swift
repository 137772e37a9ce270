import CLua

/// Strings and numbers: the decoder's leaves.
extension LuaJSONDecoder {
    // MARK: Strings

    /// Where a string's run of plain bytes (no quote, backslash or control character) that
    /// starts at `first` ends. Eight bytes at a time while they last: for each byte the high
    /// bit of `mask` flags a quote, a backslash or a byte below 0x20. Borrows only carry
    /// upwards, so the lowest flag is always a real one.
    @inline(__always)
    private func plainRunEnd(from first: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var q = first
        while end - q >= 8 {
            let w = UInt64(littleEndian: UnsafeRawPointer(q).loadUnaligned(as: UInt64.self))
            let quote = w ^ (ones &* 0x22)
            let backslash = w ^ (ones &* 0x5C)
            let mask = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (w &- ones &* 0x20)) & ~w & highs
            if mask != 0 { return q + mask.trailingZeroBitCount >> 3 }
            q += 8
        }
        while q < end {
            let c = q.pointee
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
            q += 1
        }
        return q
    }

    mutating func parseString() throws(LuaJSONError) {
        let first = p + 1
        let q = plainRunEnd(from: first)
        if q < end && q.pointee == UInt8(ascii: "\"") {
            first.withMemoryRebound(to: CChar.self, capacity: q - first) { _ = lua_pushlstring(L, $0, q - first) }
            p = q + 1
            return
        }
        p = q
        try parseEscapedString(from: first)
    }

    /// An object key: like ``parseString()``, but a short key without escapes that was seen
    /// recently is pushed from the key cache instead of being hashed and interned again.
    mutating func parseKeyString() throws(LuaJSONError) {
        let first = p + 1
        let q = plainRunEnd(from: first)
        let count = q - first
        guard q < end && q.pointee == UInt8(ascii: "\"") && count > 0 && count <= LuaJSONKeyCache.maxKeyLength else {
            try parseString()
            return
        }
        p = q + 1
        let slot = LuaJSONKeyCache.slot(first: first, count: count)
        let entry = keyCache[slot]
        if entry.count == count, let bytes = entry.bytes, memcmp(bytes, first, count) == 0 {
            lua_rawgeti(L, keyCacheIndex, lua_Integer(slot + 1))
            return
        }
        let bytes = first.withMemoryRebound(to: CChar.self, capacity: count) { lua_pushlstring(L, $0, count) }
        lua_pushvalue(L, -1)
        lua_rawseti(L, keyCacheIndex, lua_Integer(slot + 1))
        keyCache[slot] = (UnsafeRawPointer(bytes), count)
    }

    /// The slow path: a string with escapes, decoded into the scratch buffer.
    private mutating func parseEscapedString(from first: UnsafePointer<UInt8>) throws(LuaJSONError) {
        scratch.removeAll()
        scratch.append(UnsafeRawBufferPointer(start: first, count: p - first))
        while true {
            guard p < end else { throw syntaxError("unexpected end of text in a string") }
            let c = p.pointee
            if c == UInt8(ascii: "\"") {
                p += 1
                let bytes = scratch.bytes
                _ = lua_pushlstring(L, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
                return
            }
            if c < 0x20 { throw syntaxError("control character \(describe(c)) in a string (escape it)") }
            p += 1
            if c != UInt8(ascii: "\\") {
                scratch.append(c)
                continue
            }
            guard p < end else { throw syntaxError("unexpected end of text in a string escape") }
            let e = p.pointee
            p += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if code >= 0xD800 && code <= 0xDBFF {
                    guard end - p >= 6, p[0] == UInt8(ascii: "\\"), p[1] == UInt8(ascii: "u") else {
                        throw syntaxError("unpaired UTF-16 surrogate in a \\u escape")
                    }
                    p += 2
                    let low = try parseHex4()
                    guard low >= 0xDC00 && low <= 0xDFFF else { throw syntaxError("invalid UTF-16 surrogate pair in a \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if code >= 0xDC00 && code <= 0xDFFF {
                    throw syntaxError("unpaired UTF-16 surrogate in a \\u escape")
                }
                scratch.append(utf8: code)
            default:
                p -= 1
                throw syntaxError("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
            }
        }
    }

    private mutating func parseHex4() throws(LuaJSONError) -> UInt32 {
        guard end - p >= 4 else { throw syntaxError("unexpected end of text in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = p.pointee
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw syntaxError("invalid hexadecimal digit \(describe(c)) in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
            p += 1
        }
        return value
    }

    // MARK: Numbers

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    mutating func parseNumber() throws(LuaJSONError) {
        let first = p
        var negative = false
        if p.pointee == UInt8(ascii: "-") {
            negative = true
            p += 1
        }
        guard p < end, p.pointee >= UInt8(ascii: "0"), p.pointee <= UInt8(ascii: "9") else {
            throw syntaxError("invalid number, expected a digit after '-'")
        }
        var mantissa: UInt64 = 0
        var truncated = false
        var exponent = 0
        if p.pointee == UInt8(ascii: "0") {
            p += 1
            if p < end, p.pointee >= UInt8(ascii: "0"), p.pointee <= UInt8(ascii: "9") {
                throw syntaxError("invalid number, leading zeros are not allowed")
            }
        } else {
            while p < end {
                let d = p.pointee &- UInt8(ascii: "0")
                if d > 9 { break }
                if mantissa <= (UInt64.max - 9) / 10 {
                    mantissa = mantissa * 10 + UInt64(d)
                } else {
                    truncated = true
                    exponent += 1
                }
                p += 1
            }
        }
        var isFloat = false
        if p < end && p.pointee == UInt8(ascii: ".") {
            isFloat = true
            p += 1
            let fractionStart = p
            while p < end {
                let d = p.pointee &- UInt8(ascii: "0")
                if d > 9 { break }
                if mantissa <= (UInt64.max - 9) / 10 {
                    mantissa = mantissa * 10 + UInt64(d)
                    exponent -= 1
                } else {
                    truncated = true
                }
                p += 1
            }
            if p == fractionStart { throw syntaxError("invalid number, expected a digit after '.'") }
        }
        if p < end && (p.pointee == UInt8(ascii: "e") || p.pointee == UInt8(ascii: "E")) {
            isFloat = true
            p += 1
            var exponentNegative = false
            if p < end && (p.pointee == UInt8(ascii: "+") || p.pointee == UInt8(ascii: "-")) {
                exponentNegative = p.pointee == UInt8(ascii: "-")
                p += 1
            }
            let digitsStart = p
            var value = 0
            while p < end {
                let d = p.pointee &- UInt8(ascii: "0")
                if d > 9 { break }
                if value < 100_000 { value = value * 10 + Int(d) }
                p += 1
            }
            if p == digitsStart { throw syntaxError("invalid number, expected a digit in the exponent") }
            exponent += exponentNegative ? -value : value
        }
        if !isFloat && !truncated {
            if negative {
                if mantissa <= UInt64(Int64.max) + 1 {
                    lua_pushinteger(L, Int64(truncatingIfNeeded: 0 &- mantissa))
                    return
                }
            } else if mantissa <= UInt64(Int64.max) {
                lua_pushinteger(L, Int64(mantissa))
                return
            }
        }
        // Exact fast path (Clinger): the mantissa and the power of ten are both exact doubles.
        if !truncated && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / Self.powersOfTen[-exponent] : value * Self.powersOfTen[exponent]
            lua_pushnumber(L, negative ? -value : value)
            return
        }
        pushConverted(first, count: p - first)
    }

    /// Pushes a validated JSON number that the fast paths cannot convert exactly, through
    /// Lua's own conversion (correctly rounded by strtod, whatever the C locale says).
    private func pushConverted(_ text: UnsafePointer<UInt8>, count: Int) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            let base = buffer.baseAddress!
            text.withMemoryRebound(to: CChar.self, capacity: count) { base.update(from: $0, count: count) }
            base[count] = 0
            if lua_stringtonumber(L, base) == 0 { lua_pushnumber(L, .nan) }
        }
    }
}
