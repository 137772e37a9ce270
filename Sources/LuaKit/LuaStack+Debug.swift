import CLua

extension LuaStack {
    /// Where the function `level` levels up this thread's call stack is running: `script.lua:12`,
    /// as `luaL_where` finds it (level 1 is the caller of a bound function). Nil for a C function
    /// or a level past the stack.
    public func position(level: Int32 = 1) -> String? {
        var info = lua_Debug()
        guard lua_getstack(L, level, &info) != 0, lua_getinfo(L, "Sl", &info) != 0, info.currentline > 0 else { return nil }
        let source = withUnsafeBytes(of: &info.short_src) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return "\(source):\(info.currentline)"
    }
}
