import LuaKit
import Testing

/// Values crossing the boundary keep their exact shape.
@Suite struct LuaValueTests {
    @Test(arguments: [Int64.min, Int64.max, 9_007_199_254_740_993, -9_007_199_254_740_993, 0, 1152921504621465124])
    func integersRoundTripExactly(value: Int64) throws {
        let state = try LuaState()
        let stack = state.stack
        stack.push(value)
        #expect(stack.isInteger(at: -1))
        #expect(stack.integer(at: -1) == value)
        stack.pop()
        // Through Lua code, too: arithmetic and tostring see the integer.
        try stack.load("local v = ...; return v, math.type(v), tostring(v), v + 0 == v", chunkName: "=test")
        stack.push(value)
        try stack.call(arguments: 1, results: 4)
        #expect(stack.integer(at: 1) == value)
        #expect(stack.string(at: 2) == "integer")
        #expect(stack.string(at: 3) == String(value))
        #expect(stack.bool(at: 4))
    }

    @Test func largeIntegerLiteralsStayIntegers() throws {
        let state = try LuaState()
        try state.stack.load("return 9007199254740993", chunkName: "=test")
        try state.stack.call(arguments: 0, results: 1)
        #expect(try state.stack.value(at: -1) == .integer(9_007_199_254_740_993))
    }

    @Test func floatsStayFloats() throws {
        let state = try LuaState()
        state.stack.push(2.0)
        #expect(!state.stack.isInteger(at: -1))
        #expect(try state.stack.value(at: -1) == .number(2.0))
        state.stack.push(0.1)
        #expect(state.stack.number(at: -1) == 0.1)
    }

    @Test func stringsAreBytes() throws {
        let state = try LuaState()
        let stack = state.stack
        let bytes: [UInt8] = [0x61, 0x00, 0x62, 0xFF, 0xFE, 0xC3, 0x28, 0x00]
        stack.push(bytes: bytes)
        #expect(stack.bytes(at: -1) == bytes)
        #expect(stack.rawLength(at: -1) == 8)
        try stack.load("local s = ...; return #s, s:byte(2), s:byte(4), s .. 'z'", chunkName: "=test")
        stack.push(bytes: bytes)
        try stack.call(arguments: 1, results: 4)
        #expect(stack.integer(at: -4) == 8)
        #expect(stack.integer(at: -3) == 0)
        #expect(stack.integer(at: -2) == 0xFF)
        #expect(stack.bytes(at: -1) == bytes + [0x7A])
    }

    @Test func textDecodingReplacesInvalidUTF8() throws {
        let state = try LuaState()
        state.stack.push(bytes: [0x6F, 0x6B, 0xFF])
        #expect(state.stack.string(at: -1) == "ok\u{FFFD}")
        state.stack.push("Grüße")
        #expect(state.stack.bytes(at: -1) == Array("Grüße".utf8))
    }

    @Test func nestedTablesRoundTrip() throws {
        let state = try LuaState()
        let value: LuaValue = [
            "name": "Contoso Widget",
            "ids": [1, 2, .integer(Int64.max)],
            "nested": ["deeper": ["flag": true, "ratio": 0.5]],
            "bytes": .string([0, 255]),
        ]
        state.stack.push(value)
        #expect(try state.stack.value(at: -1) == value)
        try state.stack.load("local t = ...; return t.nested.deeper.ratio, #t.ids, t.ids[3]", chunkName: "=test")
        state.stack.pushValue(at: 1)
        try state.stack.call(arguments: 1, results: 3)
        #expect(state.stack.number(at: -3) == 0.5)
        #expect(state.stack.integer(at: -2) == 3)
        #expect(state.stack.integer(at: -1) == Int64.max)
    }

    @Test func luaTablesBecomeArraysOrTables() throws {
        let state = try LuaState()
        try state.stack.load("return {10, 20, 30}, {10, nil, 30}, {x = 1, [2] = 'two'}, {}", chunkName: "=test")
        try state.stack.call(arguments: 0, results: 4)
        #expect(try state.stack.value(at: 1) == [10, 20, 30])
        #expect(try state.stack.value(at: 2) == [1: 10, 3: 30])
        #expect(try state.stack.value(at: 3) == ["x": 1, 2: "two"])
        #expect(try state.stack.value(at: 4) == .table([:]))
    }

    @Test func cyclesAndFunctionsAreRefused() throws {
        let state = try LuaState()
        try state.stack.load("local t = {}; t.self = t; return t, print", chunkName: "=test")
        try state.stack.call(arguments: 0, results: 2)
        #expect(throws: LuaValueConversionError.self) { try state.stack.value(at: 1) }
        #expect(throws: LuaValueConversionError.self) { try state.stack.value(at: 2) }
        #expect(state.stack.top == 2)
    }

    @Test func registryReferencesKeepValues() throws {
        let state = try LuaState()
        let stack = state.stack
        stack.push(["k": "v"] as [String: LuaValue])
        let ref = stack.ref()
        #expect(stack.top == 0)
        state.collectGarbage()
        stack.push(ref)
        #expect(try stack.value(at: -1) == ["k": "v"])
        stack.release(ref)
    }
}
