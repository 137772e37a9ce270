import CLua

/// One Lua thread's value stack: the handle through which Swift pushes, reads and calls.
///
/// A `LuaStack` is a plain view (no reference counting) of a `lua_State` that belongs to
/// a ``LuaState``: the main thread (``LuaState/stack``), a coroutine
/// (``LuaCoroutine/stack``) or the thread that called a bound function (``LuaCall/stack``).
/// It is valid while that state is open, and like the state it is used from one thread only.
///
/// Indexes follow the C API: positive from the bottom (1 is the first slot), negative from
/// the top (-1 is the top). Nothing here can raise a Lua error: table access is raw (no
/// metamethods), and the few operations that may run Lua code (``call(arguments:results:)``,
/// ``describe(at:)``, ``get(at:)``) are protected calls that throw ``LuaError``.
public struct LuaStack {
    /// The `lua_State` this view works on.
    public let pointer: OpaquePointer

    /// A view of an existing `lua_State` owned by a ``LuaState``.
    @inlinable
    public init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    @usableFromInline
    var L: OpaquePointer { pointer }

    // MARK: Slots

    /// The index of the top value, which is also the number of values on the stack.
    public var top: Int32 {
        get { lua_gettop(L) }
        nonmutating set { lua_settop(L, newValue) }
    }

    /// Removes `count` values from the top.
    public func pop(_ count: Int32 = 1) {
        hws_pop(L, count)
    }

    /// The same slot as `index`, counted from the bottom.
    public func absolute(_ index: Int32) -> Int32 {
        lua_absindex(L, index)
    }

    /// Makes room for `count` more values; false when the stack cannot grow that far.
    @discardableResult
    public func ensureCapacity(_ count: Int32) -> Bool {
        lua_checkstack(L, count) != 0
    }

    /// Pushes a copy of the value at `index`.
    public func pushValue(at index: Int32) {
        lua_pushvalue(L, index)
    }

    /// Moves the top value into slot `index`, shifting the values above it up.
    public func insert(at index: Int32) {
        hws_insert(L, index)
    }

    /// Removes the value at `index`, shifting the values above it down.
    public func remove(at index: Int32) {
        hws_remove(L, index)
    }

    /// Pops the top value into slot `index`.
    public func replace(at index: Int32) {
        hws_replace(L, index)
    }

    /// Moves the top `count` values of this stack onto `other` (a thread of the same state).
    public func move(_ count: Int32, to other: LuaStack) {
        lua_xmove(L, other.L, count)
    }

    // MARK: Types

    /// The type of the value at `index` (`.none` for an index past the top).
    public func type(at index: Int32) -> LuaType {
        LuaType(rawValue: lua_type(L, index)) ?? .none
    }

    public func isNil(at index: Int32) -> Bool { lua_type(L, index) <= 0 }

    /// True when the value at `index` is a number with the integer subtype.
    public func isInteger(at index: Int32) -> Bool { lua_isinteger(L, index) != 0 }

    /// The type name Lua's error messages use for the value at `index`: the `__name` of its
    /// metatable when that is a string, "light userdata", or the plain type name.
    public func typeName(at index: Int32) -> String {
        if lua_getmetatable(L, index) != 0 {
            lua_pushstring(L, "__name")
            let isString = lua_rawget(L, -2) == LUA_TSTRING
            defer { pop(2) }
            if isString, let name = lua_tolstring(L, -1, nil) { return String(cString: name) }
        }
        let t = type(at: index)
        return t == .lightUserdata ? "light userdata" : t.name
    }

    // MARK: Pushing

    @inlinable
    public func pushNil() { lua_pushnil(L) }

    @inlinable
    public func push(_ value: Bool) { lua_pushboolean(L, value ? 1 : 0) }

    /// Pushes an integer exactly (Lua integers are 64-bit).
    @inlinable
    public func push(_ value: Int64) { lua_pushinteger(L, value) }

    @inlinable
    public func push(_ value: Int) { lua_pushinteger(L, lua_Integer(value)) }

    @inlinable
    public func push(_ value: Double) { lua_pushnumber(L, value) }

    /// Pushes a string's UTF-8 bytes.
    public func push(_ value: String) {
        var value = value
        value.withUTF8 { push(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Pushes bytes as a Lua string (any bytes: NULs and invalid UTF-8 included).
    public func push(bytes: UnsafeRawBufferPointer) {
        if let base = bytes.baseAddress {
            lua_pushlstring(L, base.assumingMemoryBound(to: CChar.self), bytes.count)
        } else {
            lua_pushlstring(L, "", 0)
        }
    }

    public func push(bytes: [UInt8]) {
        bytes.withUnsafeBytes { push(bytes: $0) }
    }

    public func push(lightUserdata pointer: UnsafeMutableRawPointer?) {
        lua_pushlightuserdata(L, pointer)
    }

    /// Pushes the value a registry reference holds.
    public func push(_ ref: LuaRef) {
        lua_rawgeti(L, hws_registryindex(), lua_Integer(ref.index))
    }

    public func pushGlobalTable() {
        lua_rawgeti(L, hws_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
    }

    public func pushRegistry() {
        lua_pushvalue(L, hws_registryindex())
    }

    /// Pushes the library `name` as the state opened it (`package.loaded[name]` of the
    /// registry, read raw): `"debug"`, `"io"`, or `"_G"` for the global table the state started
    /// with. A sandbox that replaced the globals (``replaceGlobals()``) does not change these,
    /// so host code (the REPL's own machinery) can keep using the real libraries while the
    /// user's code sees the sandbox's. Returns the value's type (nil when there is none).
    @discardableResult
    public func pushLoadedLibrary(_ name: String) -> LuaType {
        ensureCapacity(3)
        pushRegistry()
        defer { remove(at: -2) }
        guard rawGet(at: -1, "_LOADED") == .table else {
            pop()
            pushNil()
            return .nil
        }
        defer { remove(at: -2) }
        return rawGet(at: -1, name)
    }

    // MARK: Reading (never converts in place)

    /// Lua's truthiness of the value at `index`: false only for `nil` and `false`.
    public func bool(at index: Int32) -> Bool { lua_toboolean(L, index) != 0 }

    /// The value at `index` as an integer: an integer, or a float with an exact integer
    /// value. Strings are not converted.
    public func integer(at index: Int32) -> Int64? {
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        var ok: Int32 = 0
        let value = lua_tointegerx(L, index, &ok)
        return ok != 0 ? value : nil
    }

    /// The value at `index` as a float, when it is a number.
    public func number(at index: Int32) -> Double? {
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        return lua_tonumberx(L, index, nil)
    }

    /// Calls `body` with the bytes of the string at `index`, or returns nil when it is not a
    /// string. The bytes are valid during `body` only.
    public func withBytes<R>(at index: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let data = lua_tolstring(L, index, &length) else { return nil }
        return try body(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// The bytes of the string at `index`.
    public func bytes(at index: Int32) -> [UInt8]? {
        withBytes(at: index) { [UInt8]($0) }
    }

    /// The string at `index` decoded as UTF-8 (invalid sequences become U+FFFD).
    public func string(at index: Int32) -> String? {
        withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    public func lightUserdata(at index: Int32) -> UnsafeMutableRawPointer? {
        lua_type(L, index) == LUA_TLIGHTUSERDATA ? lua_touserdata(L, index) : nil
    }

    /// An identity for the table, function, userdata or thread at `index` (for cycle checks
    /// and debugging output), nil for other values.
    public func identity(at index: Int32) -> UnsafeRawPointer? {
        lua_topointer(L, index)
    }

    /// The `lua_State` of the coroutine at `index`.
    public func thread(at index: Int32) -> LuaStack? {
        guard lua_type(L, index) == LUA_TTHREAD, let co = lua_tothread(L, index) else { return nil }
        return LuaStack(co)
    }

    // MARK: References

    /// Pops the top value and keeps it in the registry.
    public func ref() -> LuaRef {
        LuaRef(index: luaL_ref(L, hws_registryindex()))
    }

    /// Releases a registry reference.
    public func release(_ ref: LuaRef) {
        luaL_unref(L, hws_registryindex(), ref.index)
    }

    // MARK: The state

    /// True when a bound function running on this thread may yield (it runs in a coroutine
    /// and no C boundary such as a metamethod or `table.sort` lies in between).
    public var isYieldable: Bool { lua_isyieldable(L) != 0 }

    /// The ``LuaState`` this stack belongs to.
    public var state: LuaState {
        Unmanaged<LuaState>.fromOpaque(hws_host_of(L).pointee.owner).takeUnretainedValue()
    }
}
