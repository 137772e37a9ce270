#if canImport(Glibc)
import Glibc
#endif
import LuaKit
import Testing

/// The decoder at its edges: numbers at the limits of Int64 and Double, escapes and
/// surrogates, invalid and truncated text, nesting depth, and the stack staging limits.
@Suite struct LuaJSONDecodingTests {
    /// Decodes `text` as `v` and returns what `probe` (Lua code using `v`) returns, as text.
    private func probe(_ text: String, _ probe: String) throws -> String? {
        let state = try LuaState()
        try state.stack.pushJSON(text)
        state.stack.setGlobal("v")
        try state.stack.load("return \(probe)", chunkName: "=probe")
        try state.stack.call(arguments: 0, results: 1)
        return state.stack.string(at: -1)
    }

    /// The syntax error `text` gives; the stack must be as it was before.
    private func syntaxError(_ text: [UInt8]) throws -> LuaJSONError? {
        let state = try LuaState()
        state.stack.push("below")
        defer { #expect(state.stack.top == 1 && state.stack.string(at: 1) == "below", "stack not restored after \(text)") }
        do {
            try state.stack.pushJSON(text)
        } catch {
            #expect(error.kind == .syntax, "\(error)")
            return error
        }
        return nil
    }

    private func syntaxError(_ text: String) throws -> LuaJSONError? { try syntaxError(Array(text.utf8)) }

    private static let describeNumber = "(math.type(v) == 'integer' and 'integer ' .. string.format('%d', v)) or ('float ' .. string.format('%.17g', v))"

    @Test(arguments: [
        ("9223372036854775807", "integer 9223372036854775807"),
        ("-9223372036854775808", "integer -9223372036854775808"),
        ("9223372036854775808", "float 9.2233720368547758e+18"),
        ("-9223372036854775809", "float -9.2233720368547758e+18"),
        ("18446744073709551616", "float 1.8446744073709552e+19"),
        ("9007199254740993", "integer 9007199254740993"),
        ("0", "integer 0"),
        ("-0", "integer 0"),
        ("-0.0", "float -0"),
        ("1e2", "float 100"),
        ("1E2", "float 100"),
        ("1e+2", "float 100"),
        ("2.5E-3", "float 0.0025000000000000001"),
        ("123.456e1", "float 1234.5599999999999"),
        ("0.30000000000000004", "float 0.30000000000000004"),
        ("1.7976931348623157e308", "float 1.7976931348623157e+308"),
        ("5e-324", "float 4.9406564584124654e-324"),
        ("1e-400", "float 0"),
        ("1e400", "float inf"),
        ("-1e400", "float -inf"),
        ("12345678901234567890123456789012345678901234567890e-30", "float 1.2345678901234567e+19"),
    ])
    func numbersAtTheEdges(text: String, expected: String) throws {
        #expect(try probe(text, Self.describeNumber) == expected)
        #expect(try probe("[\(text)]", "#v == 1 and math.type(v[1])") == String(expected.prefix { $0 != " " }))
    }

    @Test(arguments: ["-", "+1", ".5", "1.", "1.e3", "1e", "1e+", "01", "-01", "0x10", "NaN", "Infinity", "-Infinity", "1_000", "[1,]", "[-]"])
    func malformedNumbersAreRefused(text: String) throws {
        #expect(try syntaxError(text) != nil, "\(text) was accepted")
    }

    @Test func everyEscapeDecodes() throws {
        let state = try LuaState()
        try state.stack.pushJSON(#"["\" \\ \/ \b \f \n \r \t", "\u0041\u00e9\u20AC\uD834\uDD1E\ud83d\ude00", "\u0000"]"#)
        state.stack.rawGet(at: 1, index: 1)
        #expect(state.stack.bytes(at: -1) == Array("\" \\ / \u{8} \u{C} \n \r \t".utf8))
        state.stack.rawGet(at: 1, index: 2)
        #expect(state.stack.bytes(at: -1) == Array("Aé€𝄞😀".utf8))
        state.stack.rawGet(at: 1, index: 3)
        #expect(state.stack.bytes(at: -1) == [0])
    }

    @Test func escapesAnywhereInALongString() throws {
        // The escape-free prefix is copied before the escape is handled; check both ends.
        let prefix = String(repeating: "abcdefgh", count: 100)
        #expect(try probe(#""\#(prefix)\n\#(prefix)""#, "v") == prefix + "\n" + prefix)
        #expect(try probe(#"{"k\u00e9y": "x"}"#, "v['k\\u{e9}y']") == "x")
    }

    @Test func stringsAreScannedRightAtEveryOffset() throws {
        // The scanner reads eight bytes at a time; put each kind of byte at every offset of
        // a word, near the end of the text too.
        let state = try LuaState()
        let plain: [UInt8] = [0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF, 0x20, 0x41]
        for length in 0...24 {
            for offset in 0...length {
                let before = (0..<offset).map { plain[$0 % plain.count] }
                let after = (offset..<length).map { plain[($0 * 7) % plain.count] }
                // A plain string, as a value and as a key.
                let bytes = before + after
                try state.stack.pushJSON([0x22] + bytes + [0x22])
                #expect(state.stack.bytes(at: -1) == bytes, "length \(length)")
                try state.stack.pushJSON(Array(#"{""#.utf8) + bytes + Array(#"":1}"#.utf8))
                state.stack.pushNil()
                #expect(state.stack.next(at: -2) && state.stack.bytes(at: -2) == bytes, "key of length \(length)")
                // An escape at the offset.
                try state.stack.pushJSON([0x22] + before + Array(#"\"\u0041\\"#.utf8) + after + [0x22])
                #expect(state.stack.bytes(at: -1) == before + Array(#""A\"#.utf8) + after, "escape at \(offset) of \(length)")
                state.stack.top = 0
                // A raw control character at the offset is refused there.
                let error = try syntaxError([0x22] + before + [0x1F] + after + [0x22])
                #expect(error?.column == offset + 2, "control character at \(offset): \(String(describing: error))")
                // An unterminated string ends at the end of the text.
                #expect(try syntaxError([0x22] + bytes)?.reason == "unexpected end of text in a string")
            }
        }
    }

    @Test(arguments: [
        (#""\ud800""#, "unpaired UTF-16 surrogate"),
        (#""\ud800x""#, "unpaired UTF-16 surrogate"),
        (#""\ud800\n""#, "unpaired UTF-16 surrogate"),
        (#""\ud800\u0041""#, "invalid UTF-16 surrogate pair"),
        (#""\ud800\ud800""#, "invalid UTF-16 surrogate pair"),
        (#""\udc00""#, "unpaired UTF-16 surrogate"),
        (#""\u12g4""#, "invalid hexadecimal digit 'g'"),
        (#""\u12""#, #"end of text in a \u escape"#),
        (#""\x""#, #"invalid escape '\x'"#),
        ("\"a\nb\"", "control character byte 0xA in a string"),
        ("\"a\u{1}b\"", "control character byte 0x1 in a string"),
        (#""abc\"#, "end of text in a string escape"),
        (#""abc"#, "end of text in a string"),
    ])
    func badStringsAreRefused(text: String, reason: String) throws {
        let error = try syntaxError(text)
        #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
    }

    @Test func invalidUTF8PassesThroughAsBytes() throws {
        // Lua strings are bytes: the decoder keeps them; the encoder is what refuses them.
        let state = try LuaState()
        try state.stack.pushJSON(Array(#"{"name": ""#.utf8) + [0xFF, 0xC3, 0x28] + Array(#""}"#.utf8))
        state.stack.rawGet(at: -1, "name")
        #expect(state.stack.bytes(at: -1) == [0xFF, 0xC3, 0x28])
        #expect(throws: LuaJSONError.self) { try state.stack.encodeJSON(at: -1) }
    }

    @Test func truncatedTextIsRefusedAtEveryLength() throws {
        let text = Array(#"{"id": 1152921504621465124, "name": "caf\u00e9 \"x\"", "ok": true, "none": null, "r": -2.5e-3, "tags": ["a", {"b": []}], "o": {}}"#.utf8)
        let state = try LuaState()
        try state.stack.pushJSON(text)
        state.stack.pop()
        for length in 0..<text.count {
            let prefix = Array(text[..<length])
            let error = try syntaxError(prefix)
            #expect(error != nil, "accepted \(String(decoding: prefix, as: UTF8.self))")
            if let error { #expect(error.line == 1 && error.column <= length + 1, "\(error)") }
        }
    }

    @Test func emptyOrBlankTextIsRefused() throws {
        #expect(try syntaxError("")?.reason == "unexpected end of text, expected a value")
        #expect(try syntaxError(" \n\t\r ")?.line == 2)
        #expect(try probe(" \n\t\r [ 1 , { \"a\" : [ ] } ] \r\n\t ", "#v .. ',' .. v[1]") == "2,1")
    }

    private static func nested(_ depth: Int) -> String {
        let open = (0..<depth).map { $0 % 2 == 0 ? "[" : "{\"k\":" }.joined()
        let close = (0..<depth).reversed().map { $0 % 2 == 0 ? "]" : "}" }.joined()
        return open + "1" + close
    }

    @Test func nestingIsBoundedWithAClearError() throws {
        let state = try LuaState()
        try state.stack.pushJSON(Self.nested(1000))
        #expect(state.stack.top == 1)
        let error = try syntaxError(Self.nested(1001))
        #expect(error?.reason.hasPrefix("nesting deeper than 1000 levels") == true, "\(String(describing: error))")
        #expect(error?.column == Self.nested(1000).firstIndex(of: "1")!.utf16Offset(in: Self.nested(1000)) + 1)
    }

    @Test func deepNestingNeedsNoDeepThreadStack() throws {
        // The parser keeps open containers on the heap, so a thread with a small stack
        // decodes the deepest allowed document and refuses a deeper one without overflowing.
        let outcome = try runOnThread(stackSize: 256 * 1024) {
            let state = try LuaState()
            try state.stack.pushJSON(Self.nested(1000))
            let accepted = state.stack.top == 1
            do throws(LuaJSONError) {
                try state.stack.pushJSON(String(repeating: "[", count: 100_000))
                return "deeper accepted"
            } catch {
                return accepted && state.stack.top == 1 ? error.reason : "depth 1000 refused"
            }
        }
        #expect(outcome.hasPrefix("nesting deeper than 1000 levels"), "\(outcome)")
    }

    @Test func containersPastTheStagingLimitKeepEveryValue() throws {
        // More than 2^16 elements or pairs switch from staging to filling the table in place;
        // containers and duplicate keys must come out the same either way.
        let count = 70_000
        let array = "[" + (1...count).map { "{\"i\":\($0),\"a\":[\($0)]}" }.joined(separator: ",") + "]"
        #expect(try probe(array, "#v .. ',' .. v[1].i .. ',' .. v[65536].a[1] .. ',' .. v[65537].i .. ',' .. v[#v].a[1]") == "70000,1,65536,65537,70000")
        let object = "{" + (1...count).map { "\"k\($0)\":[\($0)]" }.joined(separator: ",") + ",\"k1\":{\"last\":true},\"k70000\":null}"
        #expect(try probe(object, "tostring(v.k1.last) .. ',' .. v.k65537[1] .. ',' .. tostring(v.k70000)") == "true,65537,null")
        #expect(try probe(#"{"a":1,"b":2,"a":3}"#, "v.a .. ',' .. v.b") == "3,2")
    }

    @Test func repeatedKeysComeOutRightThroughTheKeyCache() throws {
        // Keys that share a cache slot (same length, first and last byte), keys that evict
        // each other, an escaped spelling of a cached key, the empty key and long keys, over
        // enough objects that the collector runs while decoding.
        let long = String(repeating: "x", count: 41)
        let objects = (1...5000).map { i in
            #"{"shared":\#(i),"k\#(i)":\#(i),"axb":\#(i),"ayb":\#(-i),"":"e","\#(long)":\#(i),"axb\#(i % 2 == 0 ? "" : "!")":0}"#
        }
        let check = """
            (function()
              for i, o in ipairs(v) do
                local axb = i % 2 == 0 and 0 or i
                if o.shared ~= i or o['k' .. i] ~= i or o.axb ~= axb or o.ayb ~= -i or o[''] ~= 'e' or o['\(long)'] ~= i then
                  return 'object ' .. i .. ' is wrong'
                end
                if i % 2 == 1 and o['axb!'] ~= 0 then return 'object ' .. i .. ' lost axb!' end
                local n = 0
                for _ in pairs(o) do n = n + 1 end
                if n ~= (i % 2 == 0 and 6 or 7) then return 'object ' .. i .. ' has ' .. n .. ' keys' end
              end
              return 'ok ' .. #v
            end)()
            """
        #expect(try probe("[" + objects.joined(separator: ",") + "]", check) == "ok 5000")
    }

    @Test func theKeyCacheOutlivesADecodeSafely() throws {
        // The cache stays with the state: keys cached by one document, then evicted, then met
        // again by later documents, with full collections in between.
        let state = try LuaState()
        state.stack.pushJSONLibrary()
        state.stack.setGlobal("json")
        try state.stack.load("""
            local docs = { '{"axb":1,"ayb":2}', '{"ayb":3}', '{"axb":4,"ayb":5,"azb":6}', '{"axb":7}' }
            local out = {}
            for round = 1, 3 do
              for _, text in ipairs(docs) do
                local t = json.decode(text)
                collectgarbage()
                local keys = {}
                for k, v in pairs(t) do keys[#keys + 1] = k .. '=' .. v end
                table.sort(keys)
                out[#out + 1] = table.concat(keys, ',')
              end
            end
            return table.concat(out, ' ', 1, 4), table.concat(out, ' ', 9, 12)
            """, chunkName: "=t")
        try state.stack.call(arguments: 0, results: 2)
        #expect(state.stack.string(at: 1) == "axb=1,ayb=2 ayb=3 axb=4,ayb=5,azb=6 axb=7")
        #expect(state.stack.string(at: 2) == state.stack.string(at: 1))
    }

    @Test func aStateDecodesAgainAfterAnError() throws {
        let state = try LuaState()
        for _ in 0..<3 {
            #expect(throws: LuaJSONError.self) { try state.stack.pushJSON("[{\"a\": [1, 2, {\"b\": tru}]}]") }
            #expect(state.stack.top == 0)
        }
        try state.stack.pushJSON("[{\"a\": [1, 2, {\"b\": true}]}]")
        #expect(state.stack.top == 1)
    }
}

/// Runs `body` on a new thread with the given stack size and returns its result.
private func runOnThread(stackSize: Int, _ body: @escaping () throws -> String) throws -> String {
    final class Job: @unchecked Sendable {
        let body: () throws -> String
        var result: Result<String, any Error> = .success("")
        init(_ body: @escaping () throws -> String) { self.body = body }
    }
    let job = Job(body)
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, stackSize)
    var thread = pthread_t()
    let context = Unmanaged.passRetained(job).toOpaque()
    let status = pthread_create(&thread, &attributes, { context in
        let job = Unmanaged<Job>.fromOpaque(context!).takeRetainedValue()
        job.result = Result { try job.body() }
        return nil
    }, context)
    #expect(status == 0)
    if status != 0 { Unmanaged<Job>.fromOpaque(context).release() }
    pthread_join(thread, nil)
    return try job.result.get()
}
