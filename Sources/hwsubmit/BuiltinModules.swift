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

/// `require "hwsubmit.bench"`: two functions doing the same work, one bound from Swift and
/// one in C, so bench/run can compare the cost of calling each from Lua in one host.
enum BenchLibrary {
    static func push(on stack: LuaStack) {
        stack.push(library: [
            LuaFunctionEntry("swift_add") { call in
                let a = try call.integer(1)
                let b = try call.integer(2)
                call.stack.push(a &+ b)
                return .values(1)
            },
        ])
        LuaBenchmarkFunctions.pushCAdd(on: stack)
        stack.rawSet(at: -2, "c_add")
    }
}
