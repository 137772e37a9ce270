/// Splits Lua source into tokens, for the REPL's own reading of what a person typed: which
/// top-level `local`s a line declares, which names it uses, what sits before the cursor when
/// Tab is pressed, whether a line looks like it holds a secret.
///
/// It follows Lua 5.4's lexical rules closely enough for those uses; the Lua compiler stays
/// the judge of whether code is valid. Input may end anywhere (a half-typed line): a string
/// or comment still open at the end is reported as unfinished instead of failing.
struct LuaLexer {
    struct Token: Equatable {
        enum Kind: Equatable {
            case name, keyword, number, string, symbol
            /// A quoted or long string still open where the input ends.
            case unfinishedString
            /// A long comment still open where the input ends.
            case unfinishedComment
        }

        let kind: Kind
        /// Byte offsets of the token in the input.
        let range: Range<Int>
        /// The token's text (for strings, with their quotes or brackets).
        let text: String

        func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
        func isKeyword(_ keyword: String) -> Bool { kind == .keyword && text == keyword }
    }

    static let keywords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    private static let multiCharacterSymbols = ["...", "..", "==", "~=", "<=", ">=", "<<", ">>", "//", "::"]

    private let bytes: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Every token of `source`, comments and white space left out.
    static func tokens(_ source: some StringProtocol) -> [Token] {
        tokens(Array(source.utf8))
    }

    static func tokens(_ bytes: [UInt8]) -> [Token] {
        var lexer = LuaLexer(bytes)
        var result: [Token] = []
        while let token = lexer.next() { result.append(token) }
        return result
    }

    /// The next token, or nil at the end of the input.
    mutating func next() -> Token? {
        skipSpaceAndComments()
        if let unfinished = pendingUnfinishedComment {
            pendingUnfinishedComment = nil
            return unfinished
        }
        guard i < bytes.count else { return nil }
        let start = i
        let b = bytes[i]
        let kind: Token.Kind
        if Self.isNameStart(b) {
            while i < bytes.count, Self.isNameByte(bytes[i]) { i += 1 }
            kind = Self.keywords.contains(text(start, i)) ? .keyword : .name
        } else if Self.isDigit(b) || (b == UInt8(ascii: ".") && i + 1 < bytes.count && Self.isDigit(bytes[i + 1])) {
            scanNumber()
            kind = .number
        } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
            kind = scanQuotedString(quote: b) ? .string : .unfinishedString
        } else if b == UInt8(ascii: "["), let level = longBracketLevel(at: i) {
            kind = scanLongBracket(level: level) ? .string : .unfinishedString
        } else {
            let symbol = Self.multiCharacterSymbols.first { matches($0, at: i) }
            i += symbol?.utf8.count ?? 1
            kind = .symbol
        }
        return Token(kind: kind, range: start..<i, text: text(start, i))
    }

    private var pendingUnfinishedComment: Token?

    private mutating func skipSpaceAndComments() {
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                i += 1
            } else if b == UInt8(ascii: "-"), matches("--", at: i) {
                let start = i
                i += 2
                if let level = longBracketLevel(at: i) {
                    if !scanLongBracket(level: level) {
                        pendingUnfinishedComment = Token(kind: .unfinishedComment, range: start..<i, text: text(start, i))
                        return
                    }
                } else {
                    while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                }
            } else {
                return
            }
        }
    }

    private mutating func scanNumber() {
        let hex = matches("0x", at: i) || matches("0X", at: i)
        if hex { i += 2 }
        while i < bytes.count {
            let b = bytes[i] | 0x20
            let exponent = hex ? UInt8(ascii: "p") : UInt8(ascii: "e")
            if b == exponent, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "+") || bytes[i + 1] == UInt8(ascii: "-") {
                i += 2
            } else if Self.isNameByte(bytes[i]) || bytes[i] == UInt8(ascii: ".") {
                i += 1
            } else {
                break
            }
        }
    }

    /// Scans `"..."` or `'...'`; false when the input (or the line) ends first.
    private mutating func scanQuotedString(quote: UInt8) -> Bool {
        i += 1
        while i < bytes.count {
            let b = bytes[i]
            if b == quote {
                i += 1
                return true
            }
            if b == 0x0A { return false }
            i += b == UInt8(ascii: "\\") ? 2 : 1
        }
        i = bytes.count
        return false
    }

    /// The level of a long bracket `[==[` opening at `position`, or nil when there is none.
    private func longBracketLevel(at position: Int) -> Int? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else { return nil }
        var j = position + 1
        while j < bytes.count, bytes[j] == UInt8(ascii: "=") { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "[") else { return nil }
        return j - position - 1
    }

    /// Scans a long bracket of `level` starting at `i`; false when the input ends first.
    private mutating func scanLongBracket(level: Int) -> Bool {
        i += level + 2
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "]") {
                var j = i + 1
                while j < bytes.count, bytes[j] == UInt8(ascii: "=") { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "]"), j - i - 1 == level {
                    i = j + 1
                    return true
                }
            }
            i += 1
        }
        return false
    }

    private func matches(_ word: String, at position: Int) -> Bool {
        let w = Array(word.utf8)
        return position + w.count <= bytes.count && bytes[position..<(position + w.count)].elementsEqual(w)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
    }

    static func isNameStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_")
    }

    static func isNameByte(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) }

    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
