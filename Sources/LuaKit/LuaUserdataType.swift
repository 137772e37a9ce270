import CLua

/// A kind of Lua userdata that carries a Swift object: a metatable registered once per
/// state under `name` (which is also its `__name`, so error messages and `tostring` use it).
///
/// ```swift
/// let uploadType = LuaUserdataType<Upload>(
///     name: "hdc.Upload",
///     methods: [LuaFunctionEntry("wait") { call in ... }],
///     toString: { "hdc.Upload(\($0.path))" },
///     close: { upload in upload.cancel() })
/// state.register(uploadType)
/// stack.push(userdata: upload, of: uploadType)
/// let upload = try call.userdata(1, of: uploadType)
/// ```
///
/// The object is retained while Lua can reach the userdata and released by `__gc`
/// (after ``finalize``, if given).
public struct LuaUserdataType<Object: AnyObject> {
    /// The metatable's registry name and `__name`.
    public let name: String
    /// Functions reachable through `__index` (`obj:method()`).
    public var methods: [LuaFunctionEntry]
    /// Other metamethods (`__len`, `__call`, `__eq` …), by their full names.
    public var metamethods: [LuaFunctionEntry]
    /// `__tostring`.
    public var toString: ((Object) -> String)?
    /// `__close`, for `local x <close> = ...`.
    public var close: ((Object) -> Void)?
    /// Runs from `__gc`, before the object is released.
    public var finalize: ((Object) -> Void)?

    public init(
        name: String, methods: [LuaFunctionEntry] = [], metamethods: [LuaFunctionEntry] = [],
        toString: ((Object) -> String)? = nil, close: ((Object) -> Void)? = nil,
        finalize: ((Object) -> Void)? = nil
    ) {
        self.name = name
        self.methods = methods
        self.metamethods = metamethods
        self.toString = toString
        self.close = close
        self.finalize = finalize
    }
}

extension LuaState {
    /// Creates the metatable of a userdata type (once; later calls replace nothing).
    public func register<Object: AnyObject>(_ type: LuaUserdataType<Object>) {
        let L = stack.pointer
        guard luaL_newmetatable(L, type.name) != 0 else {
            stack.pop()
            return
        }
        if !type.methods.isEmpty {
            stack.push(library: type.methods)
            stack.rawSet(at: -2, "__index")
        }
        for entry in type.metamethods {
            stack.push(function: entry.function)
            stack.rawSet(at: -2, entry.name)
        }
        if let toString = type.toString {
            stack.push(function: { call in
                guard let object = call.stack.userdata(at: 1, of: type) else {
                    call.stack.push("\(type.name) (released)")
                    return .values(1)
                }
                call.stack.push(toString(object))
                return .values(1)
            })
            stack.rawSet(at: -2, "__tostring")
        }
        if let close = type.close {
            stack.push(function: { call in
                if let object = call.stack.userdata(at: 1, of: type) { close(object) }
                return .none
            })
            stack.rawSet(at: -2, "__close")
        }
        // Type-checked like every other metamethod: `getmetatable(x).__gc(y)` with a userdata
        // of another type (or of none) does nothing.
        let finalize = type.finalize
        stack.push(function: { call in
            guard luaL_testudata(call.stack.pointer, 1, type.name) != nil,
                  let slot = SwiftObjectBox.slot(at: 1, on: call.stack.pointer, kind: .object) else { return .none }
            if let finalize, let object = call.stack.userdata(at: 1, of: type) { finalize(object) }
            SwiftObjectBox.release(slot)
            return .none
        })
        stack.rawSet(at: -2, "__gc")
        stack.sealMetatable(at: -1)
        stack.pop()
    }
}

extension LuaStack {
    /// Pushes a userdata carrying `object`, with the metatable of `type` (register the type
    /// first).
    public func push<Object: AnyObject>(userdata object: Object, of type: LuaUserdataType<Object>) {
        SwiftObjectBox.push(object, kind: .object, on: pointer, metatable: type.name)
    }

    /// The object carried by the userdata at `index`, when it is of `type` and not yet
    /// released.
    public func userdata<Object: AnyObject>(at index: Int32, of type: LuaUserdataType<Object>) -> Object? {
        guard luaL_testudata(pointer, index, type.name) != nil,
              let object = SwiftObjectBox.slot(at: index, on: pointer, kind: .object)?.pointee
        else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(object).takeUnretainedValue() as? Object
    }
}

extension LuaCall {
    /// A userdata argument of `type` (`luaL_checkudata`'s wording on mismatch).
    public func userdata<Object: AnyObject>(_ argument: Int32, of type: LuaUserdataType<Object>) throws(LuaArgumentError) -> Object {
        guard let object = stack.userdata(at: argument, of: type) else {
            throw typeError(argument, expected: type.name)
        }
        return object
    }
}
