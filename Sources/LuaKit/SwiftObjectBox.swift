import CLua

/// How LuaKit keeps a Swift object inside a Lua full userdata: the userdata's memory holds
/// one retained pointer, released by `__gc` (or earlier, by whoever takes it out).
enum SwiftObjectBox {
    /// The metatable of userdata that carry LuaKit's own objects (function closures and
    /// continuations); scripts never see these values.
    static let internalMetatable = "LuaKit.SwiftObject"

    typealias Slot = UnsafeMutablePointer<UnsafeMutableRawPointer?>

    /// Pushes a new userdata holding `object` and gives it the metatable registered as
    /// `metatable`.
    static func push(_ object: AnyObject, on L: OpaquePointer, metatable: String) {
        let memory = lua_newuserdatauv(L, MemoryLayout<UnsafeMutableRawPointer?>.size, 0)!
        memory.initializeMemory(as: UnsafeMutableRawPointer?.self, to: Unmanaged.passRetained(object).toOpaque())
        luaL_setmetatable(L, metatable)
    }

    /// The slot of a userdata made by ``push(_:on:metatable:)``.
    static func slot(at index: Int32, on L: OpaquePointer) -> Slot? {
        lua_touserdata(L, index)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    }

    /// Releases the object in a slot, once.
    static func release(_ slot: Slot) {
        if let object = slot.pointee {
            slot.pointee = nil
            Unmanaged<AnyObject>.fromOpaque(object).release()
        }
    }

    /// `__gc` of the internal metatable: releases the boxed object.
    static let collect: lua_CFunction = { L in
        if let L, let slot = SwiftObjectBox.slot(at: 1, on: L) { SwiftObjectBox.release(slot) }
        return 0
    }

    /// Creates the internal metatable in a new state.
    static func registerInternalMetatable(on L: OpaquePointer) {
        luaL_newmetatable(L, internalMetatable)
        lua_pushcclosure(L, collect, 0)
        lua_setfield(L, -2, "__gc")
        lua_pushboolean(L, 0)
        lua_setfield(L, -2, "__metatable")
        hws_pop(L, 1)
    }
}

/// A bound function's closure, kept in upvalue 1 of its trampoline.
final class FunctionBox {
    let body: LuaFunction
    init(_ body: @escaping LuaFunction) { self.body = body }
}

/// A pending continuation, kept on the yielding thread's stack until it is resumed.
final class ContinuationBox {
    let body: LuaContinuation
    init(_ body: @escaping LuaContinuation) { self.body = body }
}
