/// One pass over UTF-8 bytes that replaces the patterned secrets ``Redactor`` knows.
struct RedactionScanner {
    private let bytes: [UInt8]
    private var out: [UInt8] = []
    private var changed = false

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private static let placeholder = Array(Redactor.placeholder.utf8)
    private static let keys = Redactor.secretKeys.map { Array($0.utf8) }

    /// The redacted bytes, or `nil` when nothing needed redacting.
    mutating func scan() -> [UInt8]? {
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if let next = bearer(at: i) ?? jwt(at: i) ?? keyedValue(at: i) {
                i = next
                changed = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return changed ? out : nil
    }

    // MARK: Rules. Each returns the index after what it consumed, having written its output.

    /// `Bearer <token>`.
    private mutating func bearer(at i: Int) -> Int? {
        guard lowercase(at: i) == UInt8(ascii: "b"), isBoundary(before: i), matches("bearer", at: i) else { return nil }
        var j = i + 6
        guard j < bytes.count, bytes[j] == UInt8(ascii: " ") else { return nil }
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
        let start = j
        while j < bytes.count, Self.isTokenByte(bytes[j]) { j += 1 }
        // Tokens are long; "the bearer of news" is not a credential.
        guard j - start >= 6 else { return nil }
        out.append(contentsOf: bytes[i..<start])
        out.append(contentsOf: Self.placeholder)
        return j
    }

    /// A JWT: `eyJ` followed by base64url segments joined by at least two dots.
    private mutating func jwt(at i: Int) -> Int? {
        guard bytes[i] == UInt8(ascii: "e"), matchesExactly("eyJ", at: i),
            i == 0 || !Self.isBase64URLByte(bytes[i - 1])
        else { return nil }
        var j = i
        var dots = 0
        while j < bytes.count, Self.isBase64URLByte(bytes[j]) || bytes[j] == UInt8(ascii: ".") {
            if bytes[j] == UInt8(ascii: ".") { dots += 1 }
            j += 1
        }
        guard dots >= 2, j - i >= 16 else { return nil }
        out.append(contentsOf: Self.placeholder)
        return j
    }

    /// `key=value`, `key%3Dvalue` and `"key": "value"` for the secret keys.
    private mutating func keyedValue(at i: Int) -> Int? {
        let first = lowercase(at: i)
        guard first == UInt8(ascii: "a") || first == UInt8(ascii: "r") || first == UInt8(ascii: "i")
            || first == UInt8(ascii: "c") || first == UInt8(ascii: "s"), isKeyBoundary(before: i)
        else { return nil }
        for key in Self.keys where matches(key, at: i) {
            let afterKey = i + key.count
            if afterKey < bytes.count, Self.isKeyByte(bytes[afterKey]) { continue }
            if let end = queryValue(key: key, keyStart: i, afterKey: afterKey) { return end }
            if let end = jsonValue(keyStart: i, afterKey: afterKey) { return end }
        }
        return nil
    }

    private mutating func queryValue(key: [UInt8], keyStart: Int, afterKey: Int) -> Int? {
        var j = afterKey
        let encoded: Bool
        if j < bytes.count, bytes[j] == UInt8(ascii: "=") {
            j += 1
            encoded = false
        } else if matches("%3d", at: j) {
            j += 3
            encoded = true
        } else if matches("%253d", at: j) {
            // Encoded twice: a SAS URL in a query of a URL that is itself in a query.
            j += 5
            encoded = true
        } else {
            return nil
        }
        let valueStart = j
        // An encoded `&` (`%26`, or `%2526` encoded twice) ends an encoded value, and a signature
        // (base64, which has no `&`) even after a plain `=`; a client secret after a plain `=`
        // may hold one, percent-encoded.
        let endsAtEncodedAmpersand = encoded || key.elementsEqual("sig".utf8)
        while j < bytes.count, !endsQueryValue(at: j), !(endsAtEncodedAmpersand && (matches("%26", at: j) || matches("%2526", at: j))) {
            j += 1
        }
        guard j > valueStart, !bytes[valueStart..<j].starts(with: Self.placeholder) else { return nil }
        out.append(contentsOf: bytes[keyStart..<valueStart])
        out.append(contentsOf: Self.placeholder)
        return j
    }

    private mutating func jsonValue(keyStart: Int, afterKey: Int) -> Int? {
        // The key must be quoted: "key" or, inside an escaped JSON string, \"key\".
        guard keyStart > 0, bytes[keyStart - 1] == UInt8(ascii: "\"") else { return nil }
        var j = afterKey
        if j < bytes.count, bytes[j] == UInt8(ascii: "\\") { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "\"") else { return nil }
        j += 1
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: ":") else { return nil }
        j += 1
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
        if j < bytes.count, bytes[j] == UInt8(ascii: "\\") { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "\"") else { return nil }
        j += 1
        let valueStart = j
        while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
            if bytes[j] == UInt8(ascii: "\\") {
                // An escaped quote ends a value written inside an escaped JSON string.
                if j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "\"") { break }
                j += 1
            }
            j += 1
        }
        guard j > valueStart, !bytes[valueStart..<j].elementsEqual(Self.placeholder) else { return nil }
        out.append(contentsOf: bytes[keyStart..<valueStart])
        out.append(contentsOf: Self.placeholder)
        return min(j, bytes.count)
    }

    // MARK: Byte classes

    private func lowercase(at i: Int) -> UInt8 {
        let b = bytes[i]
        return (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) ? b | 0x20 : b
    }

    /// ASCII case-insensitive match of lower-case `word` at `i`.
    private func matches(_ word: some Collection<UInt8>, at i: Int) -> Bool {
        guard i >= 0, i + word.count <= bytes.count else { return false }
        var k = i
        for w in word {
            let b = bytes[k]
            let lower = (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) ? b | 0x20 : b
            if lower != w { return false }
            k += 1
        }
        return true
    }

    private func matches(_ word: String, at i: Int) -> Bool { matches(Array(word.utf8), at: i) }

    private func matchesExactly(_ word: String, at i: Int) -> Bool {
        let w = Array(word.utf8)
        return i + w.count <= bytes.count && bytes[i..<(i + w.count)].elementsEqual(w)
    }

    private func isBoundary(before i: Int) -> Bool { i == 0 || !Self.isKeyByte(bytes[i - 1]) }

    /// A key starts a query parameter, a form field, a JSON member or a word.
    private func isKeyBoundary(before i: Int) -> Bool {
        guard i > 0 else { return true }
        let b = bytes[i - 1]
        if Self.isKeyByte(b) {
            // An escaped `&` or `?` before the key: percent-encoded (`%26sig=`, `%3Fsig=`), encoded
            // twice (`%2526sig=`), or in a JSON string as .NET writes it (`\u0026sig=`).
            // (`&amp;sig=` ends in `;`, a boundary already.)
            return Self.escapedSeparators.contains { i >= $0.count && matches($0, at: i - $0.count) }
        }
        return true
    }

    /// `&` and `?` as they appear escaped before a query parameter, lower-case.
    private static let escapedSeparators = ["%26", "%3f", "%2526", "%253f", "\\u0026", "\\u003f"].map { Array($0.utf8) }

    /// Whether the byte at `i` ends a value in a query or form. A backslash does (it starts the
    /// `\"` that closes an escaped JSON string, or a `\u0026`), except where a JSON writer
    /// escaped a character of the value itself: `\/`, `\u002B` (`+`), `\u002F` (`/`), `\u003D` (`=`).
    private func endsQueryValue(at i: Int) -> Bool {
        let b = bytes[i]
        guard b == UInt8(ascii: "\\") else { return Self.endsQueryValue(b) }
        return !Self.escapedValueCharacters.contains { matches($0, at: i) }
    }

    private static let escapedValueCharacters = ["\\/", "\\u002b", "\\u002f", "\\u003d"].map { Array($0.utf8) }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    private static func isBase64URLByte(_ b: UInt8) -> Bool { isKeyByte(b) }

    /// Characters of an OAuth bearer token (RFC 6750 `b64token`).
    private static func isTokenByte(_ b: UInt8) -> Bool {
        isKeyByte(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "~") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") || b == UInt8(ascii: "%")
    }

    private static func endsQueryValue(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "&"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
            UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","),
            UInt8(ascii: ";"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"),
            UInt8(ascii: "\\"):
            return true
        default:
            return false
        }
    }
}
