import LuaKit
import Testing

/// Chunks: text by default, bytecode only when asked for.
@Suite struct LuaChunkTests {
    @Test func binaryChunksAreRefusedUnlessAllowed() throws {
        let state = try LuaState()
        try state.stack.load("return string.dump(function() return 'from bytecode' end)", chunkName: "=dump")
        try state.stack.call(arguments: 0, results: 1)
        let bytecode = try #require(state.stack.bytes(at: -1))
        state.stack.pop()
        do {
            try bytecode.withUnsafeBytes { try state.stack.load($0, chunkName: "=bytecode") }
            Issue.record("a binary chunk loaded in text mode")
        } catch let error as LuaError {
            #expect(error.kind == .syntax)
            #expect(error.message.contains("attempt to load a binary chunk"))
        }
        try bytecode.withUnsafeBytes { try state.stack.load($0, chunkName: "=bytecode", mode: .textOrBinary) }
        try state.stack.call(arguments: 0, results: 1)
        #expect(state.stack.string(at: -1) == "from bytecode")
    }

    @Test func syntaxErrorsAreTyped() throws {
        let state = try LuaState()
        #expect(throws: LuaError.self) { try state.stack.load("return +", chunkName: "=bad") }
        do {
            try state.stack.load("x = = 1", chunkName: "@config.lua")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.message == "config.lua:1: unexpected symbol near '='")
            #expect(error.traceback == nil)
        }
        #expect(state.stack.top == 0)
    }
}
