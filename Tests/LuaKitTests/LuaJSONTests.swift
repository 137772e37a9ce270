import Foundation
import LuaKit
import Testing

/// The JSON bridge: exact integers, arrays vs objects, clear refusals.
@Suite struct LuaJSONTests {
    static let product = """
        {"id":14631253285588838,"sharedProductId":1152921504606971255,"links":[{"href":"https://manage.devcenter.microsoft.com/v2.0/my/hardware/products/14631253285588838","rel":"self","method":"GET"}],"isCommitted":false,"isExtensionInf":false,"deviceMetadataIds":[],"deviceType":"external","isTestSign":false,"isFlightSign":false,"marketingNames":[],"productName":"Contoso Widget","selectedProductTypes":{"windows_v100_RS5":"Unclassified"},"requestedSignatures":["WINDOWS_v100_X64_RS5_FULL"],"additionalAttributes":{},"testHarness":"attestation","announcementDate":"2026-12-01T00:00:00Z"}
        """

    static let submission = """
        {"id":1152921504621465124,"productId":14631253285588838,"name":"contoso-widget 1.2.0","type":"initial","commitStatus":"commitPending","isExtensionInf":false,"isUniversal":true,"isDeclarativeInf":true,"workflowStatus":{"currentStep":"preparation","state":"started","messages":[]},"downloads":{"items":[{"type":"initialPackage","url":"https://contoso.blob.core.windows.net/c/b?sv=2020&sr=b&sig=secret&se=2026&sp=rwl"}],"messages":[]},"links":[]}
        """

    static let listEnvelope = """
        {"value":[{"id":9223372036854775807,"name":"max"},{"id":-9223372036854775808,"name":"min"},{"id":9007199254740993,"ratio":0.1,"big":1e300,"neg":-2.5e-8}],"links":[{"href":"https://example.invalid/next","rel":"next_link","method":"GET"}]}
        """

    /// A shipping label (HARDWARE_API.md §3) with its targeting; `visibleToAccounts` holds
    /// 64-bit account IDs, one above 2^53.
    static let shippingLabel = """
        {"id":1152921504606971299,"productId":14631253285588838,"submissionId":1152921504621465124,"name":"Contoso Widget to WU","destination":"windowsUpdate","publishingSpecifications":{"goLiveDate":"2026-12-01T00:00:00Z","visibleToAccounts":[27035726,9007199254740993,1152921504606846977],"isAutoInstallDuringOSUpgrade":true,"isAutoInstallOnApplicableSystems":false,"isDisclosureRestricted":false,"publishToWindows10s":false,"manualAcquisition":false,"additionalInfoForMsApproval":{"microsoftContact":"pm@contoso.example","validationsPerformed":"HLK","affectedOems":["Contoso"],"isRebootRequired":false,"isCoEngineered":false,"isForUnreleasedHardware":false,"hasUiSoftware":false,"businessJustification":"Fix for a crash"}},"recipientSpecifications":{"receiverPublisherId":"","enforceChidTargeting":false},"targeting":{"hardwareIds":[{"bundleId":"f6a5e3c8-1234-4b5c-9d6e-0a1b2c3d4e5f","infId":"contosowidget.inf","operatingSystemCode":"WINDOWS_v100_X64_RS5_FULL","pnpString":"usb\\\\vid_0abc&pid_1234","distributionState":"pendingAdd"}],"chids":[],"restrictedToAudiences":[],"inServicePublishInfo":{"flooring":"RS5","ceiling":"GE"}},"workflowStatus":{"currentStep":"microsoftApproval","state":"started","messages":[]},"links":[]}
        """

    /// The service's error body (HARDWARE_API.md §4).
    static let errorBody = """
        {"error":{"code":"requestInvalidForCurrentState","message":"Initial submission already exists","validationErrors":[{"target":"type","message":"Only one initial submission is allowed per product."}],"details":null}}
        """

    /// Walks the Lua value at `index` beside `expected`, parsed by Foundation, and lists every
    /// difference: kinds (integer, float, boolean, null, string, array, object), values and keys.
    private func differences(at index: Int32, on stack: LuaStack, from expected: Any, path: String = "") -> [String] {
        let here = path.isEmpty ? "the top" : path
        switch expected {
        case is NSNull:
            return stack.isJSONNull(at: index) ? [] : ["\(here): null expected, got \(stack.typeName(at: index))"]
        case let decimal as NSDecimalNumber:
            // Foundation's answer for integers it cannot hold as Int (Int64.min); exact digits.
            guard stack.isInteger(at: index), let value = stack.integer(at: index) else { return ["\(here): integer \(decimal) expected"] }
            return String(value) == decimal.stringValue ? [] : ["\(here): \(decimal) expected, got \(value)"]
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c":
                guard stack.type(at: index) == .boolean else { return ["\(here): boolean expected, got \(stack.typeName(at: index))"] }
                return stack.bool(at: index) == number.boolValue ? [] : ["\(here): \(number.boolValue) expected"]
            case "d", "f":
                guard stack.type(at: index) == .number, !stack.isInteger(at: index) else { return ["\(here): float \(number) expected"] }
                return stack.number(at: index) == number.doubleValue ? [] : ["\(here): \(number) expected, got \(stack.number(at: index) ?? .nan)"]
            default:
                guard stack.isInteger(at: index) else { return ["\(here): integer \(number) expected, got \(stack.typeName(at: index))"] }
                return stack.integer(at: index) == number.int64Value ? [] : ["\(here): \(number.int64Value) expected, got \(stack.integer(at: index) ?? 0)"]
            }
        case let text as String:
            return stack.type(at: index) == .string && stack.string(at: index) == text ? [] : ["\(here): \"\(text)\" expected"]
        case let array as [Any]:
            guard stack.type(at: index) == .table else { return ["\(here): array expected"] }
            if array.isEmpty { return encoded(at: index, on: stack) == "[]" ? [] : ["\(here): an empty array expected"] }
            var found = stack.rawLength(at: index) == array.count ? [] : ["\(here): \(array.count) items expected, got \(stack.rawLength(at: index))"]
            for (i, item) in array.enumerated() {
                stack.rawGet(at: index, index: Int64(i + 1))
                found += differences(at: stack.top, on: stack, from: item, path: "\(path)[\(i + 1)]")
                stack.pop()
            }
            return found
        case let object as [String: Any]:
            guard stack.type(at: index) == .table else { return ["\(here): object expected"] }
            if object.isEmpty { return encoded(at: index, on: stack) == "{}" ? [] : ["\(here): an empty object expected"] }
            var keys = 0
            stack.forEachPair(at: index) { keys += 1 }
            var found = keys == object.count ? [] : ["\(here): \(object.count) keys expected, got \(keys)"]
            for (key, value) in object {
                stack.rawGet(at: index, key)
                found += differences(at: stack.top, on: stack, from: value, path: "\(path).\(key)")
                stack.pop()
            }
            return found
        default:
            return ["\(here): unexpected \(type(of: expected))"]
        }
    }

    /// How the value at `index` encodes (what tells an empty array from an empty object).
    private func encoded(at index: Int32, on stack: LuaStack) -> String? {
        (try? stack.encodeJSON(at: index)).map { String(decoding: $0, as: UTF8.self) }
    }

    private func decode(_ text: String, in state: LuaState) throws -> Int32 {
        try state.stack.pushJSON(text)
        return state.stack.top
    }

    private func reencode(_ text: String, sortKeys: Bool = true) throws -> String {
        let state = try LuaState()
        let index = try decode(text, in: state)
        let bytes = try state.stack.encodeJSON(at: index, options: LuaJSONEncodeOptions(sortKeys: sortKeys))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Canonical form: keys sorted, no spaces (what the encoder writes with sortKeys).
    private func canonical(_ text: String) throws -> String { try reencode(text) }

    @Test(arguments: [product, submission, listEnvelope, shippingLabel, errorBody])
    func serviceShapesRoundTrip(text: String) throws {
        // Decoded: the Lua value holds what Foundation reads from the same text, kind for kind.
        let state = try LuaState()
        let index = try decode(text, in: state)
        let expected = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        let found = differences(at: index, on: state.stack, from: expected)
        #expect(found.isEmpty, "decoded differently: \(found)")
        // Encoded again: the same JSON, as Foundation reads it.
        let once = try canonical(text)
        let back = try JSONSerialization.jsonObject(with: Data(once.utf8), options: [.fragmentsAllowed])
        func sorted(_ value: Any) throws -> Data { try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) }
        #expect(try sorted(back) == sorted(expected), "re-encoded differently:\n\(once)")
        try state.stack.pushJSON(once)
        #expect(differences(at: state.stack.top, on: state.stack, from: expected).isEmpty, "the re-encoded text decodes to the same values")
        #expect(try canonical(once) == once)
        // Every id survives as the same digits.
        for id in ["14631253285588838", "1152921504606971255", "1152921504621465124", "9223372036854775807", "-9223372036854775808", "9007199254740993",
                   "1152921504606971299", "1152921504606846977"] where text.contains(id) {
            #expect(once.contains(id), "lost \(id)")
        }
        // Empty arrays stay arrays, empty objects stay objects.
        if text.contains("\"deviceMetadataIds\":[]") { #expect(once.contains("\"deviceMetadataIds\":[]")) }
        if text.contains("\"additionalAttributes\":{}") { #expect(once.contains("\"additionalAttributes\":{}")) }
        if text.contains("\"messages\":[]") { #expect(once.contains("\"messages\":[]")) }
    }

    /// The walker above tells apart what the round trip must keep apart.
    @Test func theComparisonSeesDifferences() throws {
        let pairs: [(lua: String, foundation: String)] = [
            (#"{"id":1.0}"#, #"{"id":1}"#), (#"{"id":1152921504606971256}"#, #"{"id":1152921504606971255}"#), (#"[true]"#, #"[1]"#),
            (#"{"a":[]}"#, #"{"a":{}}"#), (#"{"a":null}"#, #"{"a":"null"}"#), (#"{"a":1,"b":2}"#, #"{"a":1}"#), (#"[1,2]"#, #"[1]"#),
        ]
        for pair in pairs {
            let state = try LuaState()
            let index = try decode(pair.lua, in: state)
            let expected = try JSONSerialization.jsonObject(with: Data(pair.foundation.utf8))
            #expect(!differences(at: index, on: state.stack, from: expected).isEmpty, "\(pair.lua) against \(pair.foundation)")
        }
    }

    @Test func idsArriveAsLuaIntegers() throws {
        let state = try LuaState()
        try state.stack.pushJSON(Self.submission)
        state.stack.setGlobal("s")
        try state.stack.load("return math.type(s.id), s.id, s.productId, s.workflowStatus.currentStep, #s.downloads.items", chunkName: "=t")
        try state.stack.call(arguments: 0, results: 5)
        #expect(state.stack.string(at: 1) == "integer")
        #expect(state.stack.integer(at: 2) == 1152921504621465124)
        #expect(state.stack.integer(at: 3) == 14631253285588838)
        #expect(state.stack.string(at: 4) == "preparation")
        #expect(state.stack.integer(at: 5) == 1)
    }

    @Test func numbersKeepTheirKind() throws {
        #expect(try reencode("[1, 1.0, -0, 2.5, 1e2, 123456789012345678901234567890, 0.1]") == "[1,1.0,0,2.5,100.0,1.2345678901234568e+29,0.1]")
    }

    @Test func emptyArrayAndEmptyObjectStayApart() throws {
        #expect(try reencode("{\"a\":[],\"o\":{}}") == "{\"a\":[],\"o\":{}}")
        let state = try LuaState()
        state.stack.pushJSONLibrary()
        state.stack.setGlobal("json")
        try state.stack.load("""
            return json.encode({}), json.encode(json.array()), json.encode(json.object{}),
                   json.encode({1, 2}), json.encode(json.object{1, 2}), json.encode({[1] = 'a', x = 'b'}, {sort_keys = true})
            """, chunkName: "=t")
        try state.stack.call(arguments: 0, results: 6)
        #expect((1...6).map { state.stack.string(at: $0) } == ["{}", "[]", "{}", "[1,2]", "{\"1\":1,\"2\":2}", "{\"1\":\"a\",\"x\":\"b\"}"])
    }

    @Test func nullIsASentinel() throws {
        let state = try LuaState()
        state.stack.pushJSONLibrary()
        state.stack.setGlobal("json")
        try state.stack.load("""
            local t = json.decode('{"a": null, "b": [null, 1]}')
            return t.a == json.null, tostring(t.a), #t.b, t.b[1] == json.null, json.encode(t.b), json.encode(json.null)
            """, chunkName: "=t")
        try state.stack.call(arguments: 0, results: 6)
        #expect(state.stack.bool(at: 1))
        #expect(state.stack.string(at: 2) == "null")
        #expect(state.stack.integer(at: 3) == 2)
        #expect(state.stack.bool(at: 4))
        #expect(state.stack.string(at: 5) == "[null,1]")
        #expect(state.stack.string(at: 6) == "null")
    }

    @Test func stringsEscapesAndUnicode() throws {
        let state = try LuaState()
        try state.stack.pushJSON(#""tab\there \"quoted\" \u00e9 \ud83d\ude00 \/ \\ nul\u0000end""#)
        #expect(state.stack.bytes(at: -1) == Array("tab\there \"quoted\" é 😀 / \\ nul\u{0}end".utf8))
        let encoded = try state.stack.encodeJSON(at: -1)
        #expect(String(decoding: encoded, as: UTF8.self) == #""tab\there \"quoted\" é 😀 / \\ nul\u0000end""#)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9),
        ("[1, 2\n  3]", 2, 3),
        ("{\"a\" 1}", 1, 6),
        ("[tru]", 1, 2),
        ("\"open", 1, 6),
        ("[1] x", 1, 5),
        ("01", 1, 2),
    ])
    func syntaxErrorsGiveLineAndColumn(text: String, line: Int, column: Int) throws {
        let state = try LuaState()
        do {
            try state.stack.pushJSON(text)
            Issue.record("expected a syntax error for \(text)")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.description.hasSuffix("at line \(line) column \(column)"))
        }
        #expect(state.stack.top == 0)
    }

    @Test func refusalsNameThePath() throws {
        let state = try LuaState()
        state.stack.pushJSONLibrary()
        state.stack.setGlobal("json")
        let cases: [(String, String)] = [
            ("json.encode({products = {{}, {}, {price = 0/0}}})", "cannot encode NaN at .products[3].price"),
            ("json.encode({x = {['my key'] = math.huge}})", "cannot encode inf (infinity) at .x[\"my key\"]"),
            ("local t = {}; t.child = {t}; json.encode(t)", "cannot encode a table that contains itself (a cycle) at .child[1]"),
            ("json.encode({f = print})", "cannot encode a function value at .f"),
            ("json.encode('\\255')", "cannot encode a string that is not valid UTF-8 (byte 1) at the top level"),
            ("json.encode({[true] = 1})", "cannot encode a table key of type boolean at the top level"),
        ]
        for (code, message) in cases {
            try state.stack.load("return select(2, pcall(function() \(code) end))", chunkName: "=t")
            try state.stack.call(arguments: 0, results: 1)
            #expect(state.stack.string(at: -1)?.hasSuffix(message) == true, "\(code) gave \(state.stack.string(at: -1) ?? "nil")")
            state.stack.pop()
        }
    }

    /// Keys that JSON would spell alike are refused (a duplicate name is read differently by
    /// different readers), sorted or not, naming both keys and where the table is.
    @Test func keysSpelledAlikeAreRefused() throws {
        let state = try LuaState()
        state.stack.pushJSONLibrary()
        state.stack.setGlobal("json")
        let cases: [(String, String)] = [
            ("json.encode({[1] = 'a', ['1'] = 'b'})", #"keys 1 and "1" are both "1" in JSON"#),
            ("json.encode({[1] = 'a', ['1'] = 'b'}, {sort_keys = true})", #"keys 1 and "1" are both "1" in JSON"#),
            ("json.encode({x = {y = {[0.5] = 1, ['0.5'] = 2}}})", #" are both "0.5" in JSON (a duplicate name); keep one of them at .x.y"#),
            ("json.encode({[0.1 + 0.2] = 1, [0.3] = 2}, {sort_keys = true})", #" are both "0.3" in JSON"#),
            ("json.encode({list = {{}, {[7] = 1, n = 2, ['7'] = 3}}})", #"at .list[2]"#),
        ]
        for (code, message) in cases {
            try state.stack.load("return select(2, pcall(function() \(code) end))", chunkName: "=t")
            try state.stack.call(arguments: 0, results: 1)
            let text = state.stack.string(at: -1) ?? "nil"
            #expect(text.contains("cannot encode a table whose keys") && text.contains(message), "\(code) gave \(text)")
            state.stack.pop()
        }
        #expect(state.stack.top == 0)
    }

    /// Float keys are written as Lua's `tostring` spells them (`%.14g`), the same text
    /// `t[tostring(k)]` would use, not Swift's shortest round-trip spelling.
    @Test func floatKeysAreSpelledAsLuaSpellsThem() throws {
        let state = try LuaState()
        state.stack.pushJSONLibrary()
        state.stack.setGlobal("json")
        try state.stack.load("""
            local keys = {2^63, 0.5, 1e100, -2.5e-8, 12345678901234.56}
            local out = {}
            for i, k in ipairs(keys) do
              local text = json.encode({[k] = true})
              out[i] = text .. (text == '{"' .. tostring(k) .. '":true}' and "" or " (not tostring)")
            end
            out[#out + 1] = json.encode({[1] = 'a', [2.5] = 'b', [3] = 'c'}, {sort_keys = true})
            return table.concat(out, " ")
            """, chunkName: "=t")
        try state.stack.call(arguments: 0, results: 1)
        #expect(state.stack.string(at: -1) == #"{"9.2233720368548e+18":true} {"0.5":true} {"1e+100":true} {"-2.5e-08":true} {"12345678901235.0":true} {"1":"a","2.5":"b","3":"c"}"#)
    }

    @Test func prettyAndSortedOutput() throws {
        let state = try LuaState()
        try state.stack.pushJSON("{\"b\":[1,{\"c\":true}],\"a\":{}}")
        let text = try state.stack.encodeJSON(at: -1, options: LuaJSONEncodeOptions(indent: 2, sortKeys: true))
        #expect(String(decoding: text, as: UTF8.self) == """
            {
              "a": {},
              "b": [
                1,
                {
                  "c": true
                }
              ]
            }
            """)
    }

    @Test func deepNestingIsRefusedNotCrashed() throws {
        let state = try LuaState()
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: LuaJSONError.self) { try state.stack.pushJSON(deep) }
        #expect(state.stack.top == 0)
    }

    @Test func largeArraysAndObjectsDecode() throws {
        let state = try LuaState()
        let count = 200_000
        let array = "[" + (1...count).map(String.init).joined(separator: ",") + "]"
        try state.stack.pushJSON(array)
        #expect(state.stack.rawLength(at: -1) == count)
        state.stack.rawGet(at: -1, index: Int64(count))
        #expect(state.stack.integer(at: -1) == Int64(count))
        let object = "{" + (1...count).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k1\":\"last wins\"}"
        try state.stack.pushJSON(object)
        state.stack.rawGet(at: -1, "k1")
        #expect(state.stack.string(at: -1) == "last wins")
        state.stack.rawGet(at: -2, "k\(count)")
        #expect(state.stack.integer(at: -1) == Int64(count))
    }

    @Test func decodeErrorsReachScriptsWithPosition() throws {
        let state = try LuaState()
        state.stack.pushJSONLibrary()
        state.stack.setGlobal("json")
        try state.stack.load("local ok, err = pcall(function()\n  return json.decode('{\"a\": tru}')\nend)\nreturn err", chunkName: "@check.lua")
        try state.stack.call(arguments: 0, results: 1)
        #expect(state.stack.string(at: -1) == "check.lua:2: invalid JSON: invalid literal, expected 'true' at line 1 column 7")
    }

    @Test func decodingStopsAtTheMemoryLimit() throws {
        let state = try LuaState()
        state.stack.pushJSONLibrary()
        state.stack.setGlobal("json")
        let big = "[" + Array(repeating: "{\"name\": \"Contoso Widget\", \"ids\": [1, 2, 3]}", count: 50_000).joined(separator: ",") + "]"
        state.stack.push(big)
        state.stack.setGlobal("text")
        state.memoryLimit = state.memoryInUse + 500_000
        try state.stack.load("return pcall(json.decode, text)", chunkName: "=t")
        try state.stack.call(arguments: 0, results: 2)
        #expect(state.stack.bool(at: 1) == false)
        #expect(state.stack.string(at: 2) == "not enough memory")
        #expect(state.memoryInUse < state.memoryLimit! + 2_000_000)
    }
}
