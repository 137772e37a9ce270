import CLua

/// Raw table access: no metamethods run, so nothing here can raise.
extension LuaStack {
    /// Pushes a new table with room for `arrayCapacity` sequence items and `fieldCapacity`
    /// other fields.
    public func newTable(arrayCapacity: Int = 0, fieldCapacity: Int = 0) {
        lua_createtable(L, Int32(clamping: min(arrayCapacity, 1 << 26)), Int32(clamping: min(fieldCapacity, 1 << 26)))
    }

    /// Pushes `table[key]` (raw) and returns its type.
    @discardableResult
    public func rawGet(at table: Int32, _ key: String) -> LuaType {
        let t = absolute(table)
        push(key)
        return LuaType(rawValue: lua_rawget(L, t)) ?? .none
    }

    /// Pushes `table[index]` (raw) and returns its type.
    @discardableResult
    public func rawGet(at table: Int32, index: Int64) -> LuaType {
        LuaType(rawValue: lua_rawgeti(L, table, index)) ?? .none
    }

    /// Pops a value and stores it as `table[key]` (raw).
    public func rawSet(at table: Int32, _ key: String) {
        let t = absolute(table)
        push(key)
        insert(at: -2)
        lua_rawset(L, t)
    }

    /// Pops a value and stores it as `table[index]` (raw).
    public func rawSet(at table: Int32, index: Int64) {
        lua_rawseti(L, table, index)
    }

    /// Pops a key and a value (value on top) and stores `table[key] = value` (raw).
    /// The key must not be nil or NaN: that is checked here rather than raised by Lua.
    public func rawSet(at table: Int32) -> Bool {
        let t = absolute(table)
        let keyType = type(at: -2)
        if keyType == .nil || (keyType == .number && !isInteger(at: -2) && (number(at: -2)?.isNaN ?? false)) {
            pop(2)
            return false
        }
        lua_rawset(L, t)
        return true
    }

    /// The raw length (`#` without `__len`) of the string, table or userdata at `index`.
    public func rawLength(at index: Int32) -> Int {
        Int(lua_rawlen(L, index))
    }

    /// Table traversal (`lua_next`): pops a key and pushes the next key and its value, or
    /// pushes nothing and returns false at the end. Start with nil pushed; do not change
    /// the key on the stack during the traversal.
    public func next(at table: Int32) -> Bool {
        lua_next(L, table) != 0
    }

    /// Calls `body` for each key/value pair of the table at `index` with the key at -2 and
    /// the value at -1; `body` must leave the stack as it found it.
    public func forEachPair(at index: Int32, _ body: () throws -> Void) rethrows {
        let t = absolute(index)
        pushNil()
        while next(at: t) {
            try body()
            pop()
        }
    }

    /// Pops a table (or nil) and sets it as the metatable of the value at `index`.
    public func setMetatable(at index: Int32) {
        lua_setmetatable(L, index)
    }

    /// Pushes the metatable of the value at `index`; pushes nothing and returns false when
    /// it has none.
    @discardableResult
    public func pushMetatable(at index: Int32) -> Bool {
        lua_getmetatable(L, index) != 0
    }

    /// Pushes the global `name` (raw: a metatable on `_G` is not consulted).
    @discardableResult
    public func getGlobal(_ name: String) -> LuaType {
        pushGlobalTable()
        let type = rawGet(at: -1, name)
        remove(at: -2)
        return type
    }

    /// Pops a value into the global `name` (raw).
    public func setGlobal(_ name: String) {
        pushGlobalTable()
        insert(at: -2)
        rawSet(at: -2, name)
        pop()
    }

    /// Registers `loader` in `package.preload`: the first `require(name)` calls it, and it
    /// must return the module's value. Costs nothing until a script asks for the module.
    public func preload(_ name: String, loader: @escaping LuaFunction) {
        pushRegistry()
        if rawGet(at: -1, "_PRELOAD") != .table {
            pop()
            newTable()
            pushValue(at: -1)
            rawSet(at: -3, "_PRELOAD")
        }
        push(function: loader)
        rawSet(at: -2, name)
        pop(2)
    }
}
