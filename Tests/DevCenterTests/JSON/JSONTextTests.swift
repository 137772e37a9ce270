@testable import DevCenter
import Foundation
import Testing

/// The parser and the writer against what Foundation's JSONDecoder and JSONEncoder did before
/// them (JSONValue read and written through Codable).
@Suite("JSON text: the parser and the writer")
struct JSONTextTests {
    /// How `JSONValue(parsing:)` read text through JSONDecoder before the parser existed.
    static func foundationParse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// How `serialized()` wrote a value through JSONEncoder before the writer existed.
    static func foundationText(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Random values of every kind, nested a few levels, with awkward strings and numbers.
    static func randomValue(_ rng: inout SystemRandomNumberGenerator, depth: Int = 0) -> JSONValue {
        let strings = ["", "a", "é", "😀", "a/b", "\"q\"", "back\\slash", "tab\there", "line\nfeed", "\u{1}\u{1f}\u{7f}", "\u{2028}", "日本語", "\r\u{8}\u{c}"]
        let numbers: [Double] = [0.5, -1.25, 1e20, 1e-7, 3.141592653589793, 123456789.125, 5e-324, -2.5e300, 0.1]
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .integer([0, 1, -1, Int64.max, Int64.min, 1 << 53 + 1, Int64.random(in: .min ... .max, using: &rng)].randomElement(using: &rng)!)
        case 3: return .number(numbers.randomElement(using: &rng)!)
        case 4: return .string(strings.randomElement(using: &rng)! + strings.randomElement(using: &rng)!)
        case 5: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                members[strings.randomElement(using: &rng)! + String(Int.random(in: 0...9, using: &rng))] = randomValue(&rng, depth: depth + 1)
            }
            return .object(members)
        }
    }

    @Test("numbers read as JSONDecoder read them: exact integers, whole numbers as integers, the rest as doubles")
    func numbers() throws {
        for text in ["0", "-0", "1.0", "1e2", "1E2", "-0.0", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                     "12345678901234567890", "1.5", "0.1", "2.5e-3", "100", "1.0e0", "14631253285588838", "-12e-1"] {
            #expect(try JSONValue(parsing: text) == (try Self.foundationParse(text)), "\(text)")
        }
        #expect(try JSONValue(parsing: "9223372036854775807") == .integer(.max))
        #expect(try JSONValue(parsing: "1152921504606971255") == .integer(1_152_921_504_606_971_255), "an ID above 2^53, exactly")
        #expect(try JSONValue(parsing: "1.0") == .integer(1))
        #expect(try JSONValue(parsing: "1.5") == .number(1.5))
    }

    @Test("strings: escapes, surrogate pairs and UTF-8 read as JSONDecoder read them")
    func strings() throws {
        for text in [#""plain""#, #""\"\\\/\b\f\n\r\t""#, #""\u00e9\u0041""#, #""\ud83d\ude00""#, "\"é😀\"", #""\u0000""#] {
            #expect(try JSONValue(parsing: text) == (try Self.foundationParse(text)), "\(text)")
        }
        #expect(try JSONValue(parsing: #""\ud83d\ude00""#) == .string("😀"))
    }

    @Test("text JSONDecoder refused is refused, with the line and column of the mistake")
    func refusals() throws {
        let bad = ["", "tru", "{", "01", "+1", ".5", "1.", "1e", "-", "NaN", "[1 2]", "{\"a\" 1}", "{1: 2}",
                   "\"open", "\"a\u{1}b\"", #""\x""#, #""\ud800""#, #""\udc00""#, #""\u12""#, "1e400", "[] []", "nul"]
        for text in bad {
            #expect(throws: JSONParseError.self, "\(text)") { _ = try JSONValue(parsing: text) }
            #expect((try? Self.foundationParse(text)) == nil, "JSONDecoder refused \(text) too")
        }
        #expect(throws: JSONParseError.self) { _ = try JSONValue(parsing: [0x22, 0xFF, 0xFE, 0x22]) }
        // JSONDecoder let a trailing comma pass; JSON (and the service's own parser) does not.
        for text in ["[1,]", "{\"a\":1,}"] {
            #expect(throws: JSONParseError.self, "\(text)") { _ = try JSONValue(parsing: text) }
        }
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: JSONParseError.self) { _ = try JSONValue(parsing: deep) }
        #expect(try JSONValue(parsing: String(repeating: "[", count: 512) + String(repeating: "]", count: 512)) != .null)
        do {
            _ = try JSONValue(parsing: "{\n  \"a\": 1,\n  \"b\": ?\n}")
            Issue.record("no error")
        } catch let error as JSONParseError {
            #expect(error.line == 3 && error.column == 8, "\(error)")
            #expect(error.description == "unexpected character '?' at line 3, column 8")
        }
    }

    @Test("the writer writes what JSONEncoder wrote, byte for byte, for random values")
    func writerMatchesFoundation() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let value = Self.randomValue(&rng)
            #expect(value.jsonText == (try Self.foundationText(value)), "\(value)")
        }
        #expect(JSONValue.number(.nan).jsonText == "null" && JSONValue.number(100).jsonText == "100")
    }

    @Test("text written and parsed again is the same value, for random values")
    func roundTrip() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let value = Self.randomValue(&rng)
            let again = try JSONValue(parsing: value.serializedBytes)
            // A whole double is written without its fraction, so it reads back as an integer.
            #expect(again.jsonText == value.jsonText, "\(value)")
            #expect(again == (try Self.foundationParse(value.jsonText)))
        }
    }
}
