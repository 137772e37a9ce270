import LuaKit

/// Modules hwsubmit provides without files, registered in `package.preload` so they cost
/// nothing until a script requires them.
enum BuiltinModules {
    static func register(on stack: LuaStack) {
        stack.preload("json") { call in
            call.stack.pushJSONLibrary()
            return .values(1)
        }
        stack.preload("hwsubmit.bench") { call in
            BenchLibrary.push(on: call.stack)
            return .values(1)
        }
    }
}

/// `require "hwsubmit.bench"`: what bench/ measures from inside the interpreter. `swift_add` and
/// `c_add` do the same work, one bound from Swift and one in C, so bench/run can compare the
/// cost of calling each from Lua in one host; `heap_in_use()` is the bytes the C allocator has
/// handed out and not had back, which bench/soak.lua follows: unlike the
/// resident set, it does not count memory the allocator keeps after it was freed.
enum BenchLibrary {
    static func push(on stack: LuaStack) {
        stack.push(library: [
            LuaFunctionEntry("swift_add") { call in
                let a = try call.integer(1)
                let b = try call.integer(2)
                call.stack.push(a &+ b)
                return .values(1)
            },
            LuaFunctionEntry("heap_in_use") { call in
                call.stack.push(Int64(LuaBenchmarkFunctions.heapInUse))
                return .values(1)
            },
        ])
        LuaBenchmarkFunctions.pushCAdd(on: stack)
        stack.rawSet(at: -2, "c_add")
    }
}
