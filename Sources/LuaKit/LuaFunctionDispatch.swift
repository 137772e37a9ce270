import CLua

// The Swift half of the trampolines in shim.h. Lua calls a C trampoline, which calls these
// and then raises, yields or returns according to the status they return: no Lua error is
// ever raised while a Swift frame is on the C stack.

/// Calls the bound closure kept in upvalue 1. Hot path: no allocation, no retain of the box.
/// The upvalue is checked to be a live function box (`debug.setupvalue` can put anything
/// there, and `__gc` of the internal metatable can empty it).
@_cdecl("hws_swift_dispatch")
func luaKitDispatch(_ L: OpaquePointer?) -> Int32 {
    let L = L.unsafelyUnwrapped
    guard let slot = SwiftObjectBox.slot(at: hws_upvalueindex(1), on: L, kind: .function), let object = slot.pointee else {
        lua_pushstring(L, "LuaKit: this bound function has lost its Swift closure (its upvalue was changed or collected)")
        return HWS_STATUS_RAISE_VALUE
    }
    return Unmanaged<FunctionBox>.fromOpaque(object)._withUnsafeGuaranteedRef { box in
        do {
            let result = try box.body(LuaCall(L))
            if case .values(let count) = result { return count }
            return LuaFunctionDispatch.status(for: result, on: L)
        } catch {
            return LuaFunctionDispatch.status(raising: error, on: L)
        }
    }
}

/// Resumes a bound function that yielded: takes its continuation out of the box below the
/// values `resume` passed.
@_cdecl("hws_swift_continue")
func luaKitContinue(_ L: OpaquePointer?, _ status: Int32, _ context: lua_KContext) -> Int32 {
    let L = L.unsafelyUnwrapped
    let boxIndex = Int32(context)
    guard let slot = SwiftObjectBox.slot(at: boxIndex, on: L, kind: .continuation), let object = slot.pointee else {
        lua_pushstring(L, "LuaKit: a continuation was resumed twice")
        return HWS_STATUS_RAISE_VALUE
    }
    slot.pointee = nil
    let box = Unmanaged<ContinuationBox>.fromOpaque(object).takeRetainedValue()
    let resumption = LuaResumption(firstIndex: boxIndex + 1, count: lua_gettop(L) - boxIndex)
    return LuaFunctionDispatch.run(L) { try box.body(LuaCall(L), resumption) }
}

enum LuaFunctionDispatch {
    static func run(_ L: OpaquePointer, _ body: () throws -> LuaReturn) -> Int32 {
        do {
            return status(for: try body(), on: L)
        } catch {
            return status(raising: error, on: L)
        }
    }

    /// The status for how a bound function ended (a yield parks its continuation in a box
    /// just below the yielded values, a call just below the function it calls, where the C
    /// continuation finds it).
    @inline(never)
    static func status(for result: LuaReturn, on L: OpaquePointer) -> Int32 {
        switch result {
        case .values(let count):
            return count
        case .raise:
            return HWS_STATUS_RAISE_VALUE
        case .yield(let count, let continuation):
            lua_checkstack(L, 1)
            SwiftObjectBox.push(ContinuationBox(continuation), kind: .continuation, on: L, metatable: SwiftObjectBox.internalMetatable)
            lua_rotate(L, -(count + 1), 1)
            return HWS_STATUS_YIELD_BASE - count
        case .call(let arguments, let results, let continuation):
            lua_checkstack(L, 3)
            SwiftObjectBox.push(ContinuationBox(continuation), kind: .continuation, on: L, metatable: SwiftObjectBox.internalMetatable)
            lua_rotate(L, -(arguments + 2), 1)
            lua_pushinteger(L, lua_Integer(arguments))
            lua_pushinteger(L, lua_Integer(results))
            return HWS_STATUS_CALL
        }
    }

    /// Pushes what raising `error` needs and returns the status that makes the trampoline
    /// raise it.
    @inline(never)
    static func status(raising error: any Error, on L: OpaquePointer) -> Int32 {
        lua_checkstack(L, 2)
        let stack = LuaStack(L)
        switch error {
        case let error as LuaArgumentError:
            stack.push(Int64(error.argument))
            stack.push(error.message)
            return HWS_STATUS_ARG_ERROR
        case let error as LuaErrorValue:
            let top = stack.top
            error.pushErrorValue(on: stack)
            if stack.top != top + 1 {
                stack.top = top
                stack.push("\(error)")
            }
            return HWS_STATUS_RAISE_VALUE
        case let error as LuaError:
            if error.kind == .memory { return HWS_STATUS_MEMORY_ERROR }
            if let value = error.value {
                stack.push(value)
                stack.release(value)
            } else {
                stack.push(error.message)
            }
            return HWS_STATUS_RAISE_VALUE
        case is LuaMemoryError:
            return HWS_STATUS_MEMORY_ERROR
        case let error as LuaJSONError where error.kind == .memory:
            return HWS_STATUS_MEMORY_ERROR
        case let error as LuaJSONError where error.stop != nil:
            return status(raising: error.stop!, on: L)
        default:
            stack.push("\(error)")
            return HWS_STATUS_RAISE_MESSAGE
        }
    }
}

/// Thrown by Swift code that gives up because the state is past its memory limit; raised
/// in Lua as "not enough memory".
public struct LuaMemoryError: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "not enough memory" }
}

extension LuaStack {
    /// Pushes a Swift function as a Lua function. The top `upvalues` values are popped and
    /// become its upvalues, read with ``LuaCall/upvalueIndex(_:)``.
    public func push(function: @escaping LuaFunction, upvalues: Int32 = 0) {
        SwiftObjectBox.push(FunctionBox(function), kind: .function, on: L, metatable: SwiftObjectBox.internalMetatable)
        if upvalues > 0 { lua_rotate(L, -(upvalues + 1), 1) }
        hws_push_trampoline(L, upvalues + 1)
    }

    /// Pushes a table holding the functions of a registration table, like `luaL_newlib`.
    public func push(library functions: [LuaFunctionEntry]) {
        newTable(fieldCapacity: functions.count)
        for entry in functions {
            push(function: entry.function)
            rawSet(at: -2, entry.name)
        }
    }
}
