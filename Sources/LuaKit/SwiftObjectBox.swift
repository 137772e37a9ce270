import CLua

/// How LuaKit keeps a Swift object inside a Lua full userdata: the userdata's memory holds a
/// tag saying what kind of box it is, then one retained pointer, released by `__gc` (or
/// earlier, by whoever takes it out).
///
/// Every reader checks the box before it trusts the memory (``slot(at:on:kind:)``): the
/// userdata's size and its tag. A script can hand a bound function or a metamethod any value
/// (`getmetatable(task).__gc(json.null)`, or with `debug`, a function's upvalue replaced by
/// another userdata), and none of them is read as a box unless it is one of that kind. The
/// tags are not user-space addresses (bits 48 to 55 are not zero, so not on x86-64, nor on
/// arm64 with top-byte tagging), so no pointer a C library stores at the start of its
/// userdata can equal one, and Lua code cannot write a userdata's memory.
enum SwiftObjectBox {
    /// The metatable of userdata that carry LuaKit's own objects (function closures and
    /// continuations); scripts never see these values.
    static let internalMetatable = "LuaKit.SwiftObject"

    /// What a box holds.
    enum Kind: UInt64 {
        /// A ``FunctionBox`` (upvalue 1 of every bound function's trampoline).
        case function = 0x80A5_4C75_614B_0001
        /// A ``ContinuationBox`` (on the stack of a thread whose bound function yielded or called).
        case continuation = 0x80A5_4C75_614B_0002
        /// The object of a ``LuaUserdataType``.
        case object = 0x80A5_4C75_614B_0003
    }

    /// The memory of a box.
    struct Layout {
        var tag: UInt64
        var object: UnsafeMutableRawPointer?
    }

    typealias Slot = UnsafeMutablePointer<UnsafeMutableRawPointer?>

    /// Pushes a new userdata holding `object` as a box of `kind` and gives it the metatable
    /// registered as `metatable`.
    static func push(_ object: AnyObject, kind: Kind, on L: OpaquePointer, metatable: String) {
        let memory = lua_newuserdatauv(L, MemoryLayout<Layout>.size, 0)!
        memory.initializeMemory(as: Layout.self, to: Layout(tag: kind.rawValue, object: Unmanaged.passRetained(object).toOpaque()))
        luaL_setmetatable(L, metatable)
    }

    /// The slot of the box of `kind` at `index`; nil when the value there is not one.
    @inline(__always)
    static func slot(at index: Int32, on L: OpaquePointer, kind: Kind) -> Slot? {
        guard let memory = lua_touserdata(L, index), lua_rawlen(L, index) == MemoryLayout<Layout>.size,
              memory.load(as: UInt64.self) == kind.rawValue
        else { return nil }
        return (memory + MemoryLayout<UInt64>.stride).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    }

    /// Releases the object in a slot, once.
    static func release(_ slot: Slot) {
        if let object = slot.pointee {
            slot.pointee = nil
            Unmanaged<AnyObject>.fromOpaque(object).release()
        }
    }

    /// `__gc` of the internal metatable: releases the boxed closure or continuation (and does
    /// nothing to any other value it is given).
    static let collect: lua_CFunction = { L in
        guard let L else { return 0 }
        if let slot = SwiftObjectBox.slot(at: 1, on: L, kind: .function) ?? SwiftObjectBox.slot(at: 1, on: L, kind: .continuation) {
            SwiftObjectBox.release(slot)
        }
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
