/// Finds the first syntax error in JSON text and says what is wrong and where.
///
/// Foundation's parser only says "not valid JSON"; a person fixing a request body needs the line,
/// the column and what was expected. Nesting depth is bounded, so no input can exhaust the stack.
struct JSONSyntaxChecker {
    struct Problem: Error, Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        var message: String
        var description: String { "line \(line), column \(column): \(message)" }
    }

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0
    private static let maxDepth = 256

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The first problem in `bytes`, or `nil` when they are one well-formed JSON value.
    static func check(_ bytes: [UInt8]) -> Problem? {
        var checker = JSONSyntaxChecker(bytes)
        do {
            checker.skipSpace()
            guard checker.i < bytes.count else { throw checker.problem("the body is empty; expected a JSON value") }
            try checker.value()
            checker.skipSpace()
            if checker.i < bytes.count { throw checker.problem("unexpected \(checker.describeCurrent()) after the JSON value") }
            return nil
        } catch let problem as Problem {
            return problem
        } catch {
            return Problem(line: 1, column: 1, message: "\(error)")
        }
    }

    private func problem(_ message: String) -> Problem {
        var line = 1, column = 1
        for b in bytes[..<min(i, bytes.count)] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return Problem(line: line, column: column, message: message)
    }

    private func describeCurrent() -> String {
        guard i < bytes.count else { return "end of input" }
        let b = bytes[i]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16)
    }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    private mutating func value() throws {
        skipSpace()
        guard i < bytes.count else { throw problem("unexpected end of input; expected a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw problem("unexpected \(describeCurrent()); expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func nest() throws {
        depth += 1
        if depth > Self.maxDepth { throw problem("nested more than \(Self.maxDepth) levels deep") }
    }

    private mutating func object() throws {
        try nest()
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw problem("unexpected \(describeCurrent()); expected a member name in double quotes")
            }
            try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw problem("unexpected \(describeCurrent()); expected ':' after a member name")
            }
            i += 1
            try value()
            skipSpace()
            guard i < bytes.count else { throw problem("unexpected end of input; expected ',' or '}' in an object") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { throw problem("trailing ',' before '}' is not allowed") }
                continue
            }
            if bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return }
            throw problem("unexpected \(describeCurrent()); expected ',' or '}' after an object member")
        }
    }

    private mutating func array() throws {
        try nest()
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return }
        while true {
            try value()
            skipSpace()
            guard i < bytes.count else { throw problem("unexpected end of input; expected ',' or ']' in an array") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { throw problem("trailing ',' before ']' is not allowed") }
                continue
            }
            if bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return }
            throw problem("unexpected \(describeCurrent()); expected ',' or ']' after an array element")
        }
    }

    private mutating func string() throws {
        i += 1
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return }
            if b < 0x20 { throw problem("control character \(describeCurrent()) inside a string; escape it") }
            if b == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { break }
                switch bytes[i] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 1
                case UInt8(ascii: "u"):
                    i += 1
                    for _ in 0..<4 {
                        guard i < bytes.count, Character(Unicode.Scalar(bytes[i])).isHexDigit else {
                            throw problem("\\u must be followed by four hex digits")
                        }
                        i += 1
                    }
                default: throw problem("invalid escape \\\(Character(Unicode.Scalar(bytes[i]))) in a string")
                }
                continue
            }
            i += 1
        }
        throw problem("unexpected end of input inside a string; a closing '\"' is missing")
    }

    private mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
            throw problem("unexpected \(describeCurrent()); did you mean \(word)? (JSON literals are lower-case, strings need double quotes)")
        }
        i += w.count
    }

    private mutating func number() throws {
        func digits() -> Int {
            let start = i
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            return i - start
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        guard digits() > 0 else { throw problem("a '-' must be followed by digits") }
        if bytes[intStart] == UInt8(ascii: "0"), i - intStart > 1 {
            i = intStart
            throw problem("numbers may not have leading zeros")
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw problem("a '.' in a number must be followed by digits") }
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw problem("an exponent must have digits") }
        }
    }
}
