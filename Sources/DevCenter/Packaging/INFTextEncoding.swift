/// The text encodings INF files come in, and how to tell them apart.
///
/// Windows tools write INF files as UTF-16LE with a byte-order mark, or as "ANSI" (Windows-1252)
/// with CRLF line ends; newer ones write UTF-8, with or without a BOM.
public enum INFTextEncoding: String, Sendable, Hashable, CustomStringConvertible {
    case utf8 = "UTF-8"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case windows1252 = "Windows-1252"

    public var description: String { rawValue }

    /// Decodes `bytes` into Unicode scalars, guessing the encoding when there is no byte-order mark.
    ///
    /// Never fails: invalid sequences become U+FFFD. Without a BOM, zero bytes at odd positions
    /// mean UTF-16LE (at even positions, UTF-16BE); otherwise valid UTF-8 is UTF-8, and anything
    /// else is read as Windows-1252.
    static func decode(_ bytes: [UInt8]) -> (scalars: [Unicode.Scalar], encoding: INFTextEncoding) {
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (utf16Scalars(bytes.dropFirst(2), littleEndian: true), .utf16LittleEndian)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (utf16Scalars(bytes.dropFirst(2), littleEndian: false), .utf16BigEndian)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (Array(String(decoding: bytes.dropFirst(3), as: UTF8.self).unicodeScalars), .utf8)
        }
        let sample = bytes.prefix(4096)
        var zerosAtOdd = 0, zerosAtEven = 0
        for (i, b) in sample.enumerated() where b == 0 {
            if i % 2 == 1 { zerosAtOdd += 1 } else { zerosAtEven += 1 }
        }
        let pairs = max(1, sample.count / 2)
        if zerosAtOdd * 4 > pairs && zerosAtOdd > zerosAtEven {
            return (utf16Scalars(bytes[...], littleEndian: true), .utf16LittleEndian)
        }
        if zerosAtEven * 4 > pairs {
            return (utf16Scalars(bytes[...], littleEndian: false), .utf16BigEndian)
        }
        if isValidUTF8(bytes) {
            return (Array(String(decoding: bytes, as: UTF8.self).unicodeScalars), .utf8)
        }
        return (bytes.map(windows1252Scalar), .windows1252)
    }

    private static func utf16Scalars(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> [Unicode.Scalar] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).unicodeScalars)
    }

    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Windows-1252: Latin-1, except 0x80–0x9F, which hold typographic characters.
    private static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let table: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        return Unicode.Scalar(table[Int(byte - 0x80)]) ?? "\u{FFFD}"
    }
}
