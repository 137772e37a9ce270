/// Little-endian reads from a byte array, every one bounds-checked.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    mutating func bytes(_ n: Int) throws -> [UInt8] {
        guard n >= 0, position >= 0, position + n <= bytes.count else { throw PackageReadError("the cabinet header is cut short") }
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    mutating func u8() throws -> UInt8 { try bytes(1)[0] }
    mutating func u16() throws -> UInt16 {
        let b = try bytes(2)
        return UInt16(b[0]) | UInt16(b[1]) << 8
    }
    mutating func u32() throws -> UInt32 {
        let b = try bytes(4)
        return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
    }

    mutating func cString(limit: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        while true {
            let b = try u8()
            if b == 0 { return out }
            guard out.count < limit else { throw PackageReadError("a file name in the cabinet is longer than \(limit) bytes") }
            out.append(b)
        }
    }
}
