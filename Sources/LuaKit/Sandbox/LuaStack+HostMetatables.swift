import CLua

/// The metatables of the host's values (userdata types, the string metatable, hwsubmit's
/// `hdc.Error`): sandboxed code that reaches one through `getmetatable` sees a read-only
/// view whose functions read as nil, so it cannot call the host's metamethods by hand.
extension LuaStack {
    static let hostMetatablesKey = "LuaKit.hostMetatables"

    /// Marks the table at `index` as a metatable of the host's values.
    public func sealMetatable(at index: Int32) {
        let table = absolute(index)
        ensureCapacity(3)
        pushHostMetatables()
        pushValue(at: table)
        push(true)
        lua_rawset(L, -3)
        pop()
    }

    /// Pushes the weak-keyed set of sealed metatables (made on first use, with the string
    /// metatable in it).
    func pushHostMetatables() {
        pushRegistry()
        defer { remove(at: -2) }
        if rawGet(at: -1, LuaStack.hostMetatablesKey) == .table { return }
        pop()
        newTable()
        newTable(fieldCapacity: 1)
        push("k")
        rawSet(at: -2, "__mode")
        setMetatable(at: -2)
        push("")
        if lua_getmetatable(L, -1) != 0 {
            push(true)
            lua_rawset(L, -4)
        }
        pop()
        pushValue(at: -1)
        rawSet(at: -3, LuaStack.hostMetatablesKey)
    }
}
