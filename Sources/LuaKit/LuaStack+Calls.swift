import CLua

/// Whether a chunk may be precompiled bytecode. Bytecode is not checked by Lua and can
/// crash the VM, so text is the default everywhere.
public enum LuaChunkMode: String, Sendable {
    case text = "t"
    case textOrBinary = "bt"
}

/// Loading chunks and protected calls. Every call into Lua from Swift goes through here.
extension LuaStack {
    /// `LUA_MULTRET`: keep every result.
    public static let allResults: Int32 = LUA_MULTRET

    /// Compiles `code` and pushes it as a function.
    ///
    /// - Parameter chunkName: what tracebacks call the chunk, as Lua expects it:
    ///   `"@path/file.lua"` for a file, `"=(command line)"` for a literal name.
    public func load(_ code: UnsafeRawBufferPointer, chunkName: String, mode: LuaChunkMode = .text) throws(LuaError) {
        let status: Int32
        if let base = code.baseAddress {
            status = luaL_loadbufferx(L, base.assumingMemoryBound(to: CChar.self), code.count, chunkName, mode.rawValue)
        } else {
            status = luaL_loadbufferx(L, "", 0, chunkName, mode.rawValue)
        }
        if status != LUA_OK { throw popError(status: status, hasTraceback: false) }
    }

    public func load(_ code: String, chunkName: String, mode: LuaChunkMode = .text) throws(LuaError) {
        var code = code
        try typedThrows(as: LuaError.self) { try code.withUTF8 { try load(UnsafeRawBufferPointer($0), chunkName: chunkName, mode: mode) } }
    }

    /// Compiles a file (`luaL_loadfilex`; a first line starting with `#` is skipped) and
    /// pushes it as a function. A nil path reads standard input, named `stdin`.
    public func loadFile(_ path: String?, mode: LuaChunkMode = .text) throws(LuaError) {
        let status = luaL_loadfilex(L, path, mode.rawValue)
        if status != LUA_OK { throw popError(status: status, hasTraceback: false) }
    }

    /// Calls the function below the top `arguments` values, in protected mode with a
    /// traceback message handler, leaving `results` results (or all of them).
    ///
    /// On failure the function and its arguments are gone and nothing is pushed; the
    /// ``LuaError`` carries the message, the traceback and, for a non-string error object,
    /// a reference to it.
    public func call(arguments: Int32, results: Int32 = LuaStack.allResults) throws(LuaError) {
        let status = hws_pcall(L, arguments, results)
        if status != LUA_OK { throw popError(status: status, hasTraceback: true) }
    }

    /// Pops the error object a failed load or call left and describes it.
    func popError(status: Int32, hasTraceback: Bool) -> LuaError {
        let kind = LuaError.kind(ofStatus: status)
        var message: String
        var traceback: String?
        let registry = hws_registryindex()
        if hasTraceback && kind == .runtime {
            rawGet(at: registry, HWS_ERROR_MESSAGE_KEY)
            rawGet(at: registry, HWS_ERROR_TRACEBACK_KEY)
            message = string(at: -2) ?? ""
            traceback = string(at: -1)
            pop(2)
            pushNil(); rawSet(at: registry, HWS_ERROR_MESSAGE_KEY)
            pushNil(); rawSet(at: registry, HWS_ERROR_TRACEBACK_KEY)
        } else {
            message = ""
        }
        let t = type(at: -1)
        if message.isEmpty {
            switch t {
            case .string, .number:
                lua_tolstring(L, -1, nil)
                message = string(at: -1) ?? ""
            default:
                if luaL_getmetafield(L, -1, "__tostring") != LUA_TNIL {
                    pop()
                    message = describe(at: -1)
                } else {
                    message = "(error object is a \(typeName(at: -1)) value)"
                }
            }
        }
        var value: LuaRef?
        if t == .string || t == .number || t == .nil || t == .none {
            pop()
        } else {
            value = ref()
        }
        return LuaError(kind: kind, message: message, traceback: traceback, value: value)
    }

    /// The value at `index` as `tostring` shows it (`__tostring` and `__name` honoured),
    /// computed in protected mode. A failing `__tostring` yields a description of its error.
    public func describe(at index: Int32) -> String {
        let value = absolute(index)
        ensureCapacity(3)
        hws_push_protected_tostring(L)
        pushValue(at: value)
        do {
            try call(arguments: 1, results: 1)
            defer { pop() }
            return string(at: -1) ?? ""
        } catch {
            if let ref = error.value { release(ref) }
            return "(error in __tostring: \(error.message))"
        }
    }

    /// Pops a key and pushes `t[key]` for the table at `index`, honouring `__index`
    /// (protected: a failing metamethod throws).
    public func get(at index: Int32) throws(LuaError) {
        let table = absolute(index)
        ensureCapacity(3)
        hws_push_protected_gettable(L)
        pushValue(at: table)
        lua_rotate(L, -3, -1)
        try call(arguments: 2, results: 1)
    }

    /// Pops a key and a value (value on top) and stores `t[key] = value` for the table at
    /// `index`, honouring `__newindex` (protected).
    public func set(at index: Int32) throws(LuaError) {
        let table = absolute(index)
        ensureCapacity(2)
        hws_push_protected_settable(L)
        pushValue(at: table)
        lua_rotate(L, -4, 2)
        try call(arguments: 3, results: 0)
    }
}
