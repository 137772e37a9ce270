import LuaKit

extension HDCRuntime {
    /// Sets the global `sandbox` (also `require "sandbox"`): an empty table whose functions are
    /// bound the first time a script touches it, so runs that never use it pay nothing.
    public func installSandboxLibrary() {
        let stack = state.stack
        weak let runtime = self
        stack.preload(SandboxLibrary.name) { call in
            guard let runtime else { throw HDCError.script("hwsubmit: the sandbox library's runtime has ended") }
            SandboxLibrary.push(on: call.stack, support: runtime.sandbox)
            return .values(1)
        }
        stack.newTable()
        stack.newTable(fieldCapacity: 1)
        stack.push(function: { call in
            guard let runtime else { throw HDCError.script("hwsubmit: the sandbox library's runtime has ended") }
            let stack = call.stack
            stack.pushNil()
            stack.setMetatable(at: 1)
            // In package.loaded too, so error messages name its functions `sandbox.run`.
            stack.pushRegistry()
            if stack.rawGet(at: -1, "_LOADED") == .table {
                stack.pushValue(at: 1)
                stack.rawSet(at: -2, SandboxLibrary.name)
            }
            stack.pop(2)
            SandboxLibrary.push(on: stack, support: runtime.sandbox)
            stack.forEachPair(at: -1) {
                stack.pushValue(at: -2)
                stack.pushValue(at: -2)
                _ = stack.rawSet(at: 1)
            }
            stack.pop()
            stack.pushValue(at: 2)
            try stack.get(at: 1)
            return .values(1)
        })
        stack.rawSet(at: -2, "__index")
        stack.setMetatable(at: -2)
        stack.setGlobal(SandboxLibrary.name)
    }
}

extension HDCRuntime {
    /// The profile of `config.lua` the run's default client is made from (`--profile`,
    /// `HDC_PROFILE`, or the file's `default`), nil when there is none: a sandbox may always
    /// connect to it, other profiles only when granted (`--allow-profile`).
    var currentProfileName: String? {
        if let name = configuration.connection.profile, !name.isEmpty { return name }
        if let name = environment["HDC_PROFILE"], !name.isEmpty { return name }
        return (try? configuration.profiles?.profile(named: nil))?.name
    }
}
