import CLua

/// The per-state values the JSON bridge needs: the `null` sentinel and the two marker
/// metatables, held in the registry and reached by integer reference (a fast `rawgeti`),
/// and the decoder's key cache.
final class LuaJSONContext {
    let null: LuaRef
    let arrayMarker: LuaRef
    let objectMarker: LuaRef
    let keyCache: LuaJSONKeyCache

    static let nullName = "json.null"
    static let arrayName = "json.array"
    static let objectName = "json.object"

    init(stack: LuaStack) {
        // null: a unique, empty full userdata.
        lua_newuserdatauv(stack.pointer, 0, 0)
        stack.newTable(fieldCapacity: 3)
        stack.push(Self.nullName)
        stack.rawSet(at: -2, "__name")
        stack.push(function: { call in
            call.stack.push("null")
            return .values(1)
        })
        stack.rawSet(at: -2, "__tostring")
        stack.push(false)
        stack.rawSet(at: -2, "__metatable")
        stack.sealMetatable(at: -1)
        stack.setMetatable(at: -2)
        null = stack.ref()

        stack.newTable(fieldCapacity: 1)
        stack.push(Self.arrayName)
        stack.rawSet(at: -2, "__name")
        arrayMarker = stack.ref()

        stack.newTable(fieldCapacity: 1)
        stack.push(Self.objectName)
        stack.rawSet(at: -2, "__name")
        objectMarker = stack.ref()

        keyCache = LuaJSONKeyCache(stack: stack)
    }
}

extension LuaState {
    /// The JSON bridge's values for this state, made on first use.
    var jsonContext: LuaJSONContext {
        if let json { return json }
        let context = LuaJSONContext(stack: stack)
        json = context
        return context
    }
}
