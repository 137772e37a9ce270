import LuaKit

/// JSON text → Lua values → JSON text → Lua values → JSON text: any input either fails with a
/// `LuaJSONError` leaving the stack as it was, or decodes to a value whose encoding is stable
/// (encoding what the encoding decodes to gives the same bytes, keys sorted).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONBridge(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let sorted = LuaJSONEncodeOptions(sortKeys: true)  // a table's own key order changes between states
    guard let state = try? LuaState() else { fatalError("no Lua state") }
    defer { state.close() }
    state.memoryLimit = 64 << 20
    let stack = state.stack
    let top = stack.top
    let input = UnsafeRawBufferPointer(start: data, count: count)
    do {
        try stack.pushJSON(input)
    } catch {
        precondition(stack.top == top, "a failed decode left \(stack.top - top) values on the stack")
        return 0
    }
    precondition(stack.top == top + 1, "a decode pushed \(stack.top - top) values")
    guard let first = try? stack.encodeJSON(at: -1, options: sorted) else { return 0 }  // e.g. nesting too deep to encode
    stack.pop()
    do {
        try stack.pushJSON(first)
    } catch {
        fatalError("the bridge cannot read its own output \(String(decoding: first, as: UTF8.self)): \(error)")
    }
    let second = try? stack.encodeJSON(at: -1, options: sorted)
    precondition(second == first, "encoding is not stable: \(String(decoding: first, as: UTF8.self))")
    stack.pop()
    return 0
}
