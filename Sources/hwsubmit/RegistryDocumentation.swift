import HDCLua

/// The REPL's view of ``LuaAPIRegistry``, the one registry of every bound function.
///
/// Completion needs it for `hdc.<Tab>`: the `hdc` table fills itself the first time a
/// script touches it, through an `__index` function Tab never calls (Tab must not run Lua),
/// so before that the registry is the only place that knows its names.
struct RegistryDocumentation: APIDocumentation {
    var moduleNames: [String] {
        LuaAPIRegistry.modules.map(\.name).filter { !$0.contains(".") }
    }

    func fields(of qualifiedName: String) -> [Completion.Candidate] {
        let prefix = qualifiedName + "."
        var isFunction: [String: Bool] = [:]
        for name in LuaAPIRegistry.names(withPrefix: prefix) where !name.contains(":") {
            let rest = name.dropFirst(prefix.count)
            if let dot = rest.firstIndex(of: ".") {
                let submodule = String(rest[..<dot])
                if isFunction[submodule] == nil { isFunction[submodule] = false }
            } else {
                isFunction[String(rest)] = LuaAPIRegistry.functions.contains { $0.qualifiedName == name }
            }
        }
        return isFunction.map { Completion.Candidate(name: $0.key, isFunction: $0.value) }
    }

    func signature(of qualifiedName: String) -> String? {
        // By the registry's own lookup, which also knows `hdc.Client:products` as `hdc.products`.
        LuaAPIRegistry.function(named: qualifiedName)?.signature
    }

    func helpText(for name: String) -> String? {
        DocCommand.documentation(of: name)
    }
}
