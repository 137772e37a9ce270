/// The one registry of what scripts can call: every module hwsubmit provides, bound Swift or
/// plain Lua, with every function's documentation.
///
/// It feeds `hwsubmit doc [NAME]`, the generated `docs/lua-api.md`, the lua-language-server
/// annotations in `stdlib/meta/` (`hdc.lua`, `hdc-types.lua`, `stdlib.lua`), and the REPL's completion and
/// `help()`; tests fail when a function has no documentation or a generated file is stale.
///
/// To add a module, append its ``LuaModuleDoc`` to ``modules``:
/// - bound Swift functions: declare each as an ``HDCBinding``-like pair of documentation and
///   body (so nothing is bound undocumented) and build the module's table from that list;
/// - a Lua module in `stdlib/`: `implementation: .luaFile("name.lua")` and a ``LuaFunctionDoc``
///   per exported function; a test loads the file and fails when the functions it exports and
///   the documented ones differ.
/// Then run `hwsubmit doc --write` from the repository root to regenerate the files.
public enum LuaAPIRegistry {
    /// Every documented module, in the order the reference lists them.
    public static var modules: [LuaModuleDoc] {
        [HDCDocumentation.module, HDCDocumentation.jsonModule, HDCDocumentation.preprodModule, HDCDocumentation.emulatorModule] + StdlibLibraries.modules + StdlibDocumentation.modules
    }

    /// Every documented function of every module.
    public static var functions: [LuaFunctionDoc] { modules.flatMap(\.functions) }

    /// The documentation of a function named `name`: `hdc.create_product`, `create_product`
    /// (a function of `hdc`), `hdc.Task:wait`, `Task:wait`, `task:wait`, `client:products` (an
    /// `hdc.Client` method), `hdc.json.encode`.
    public static func function(named name: String) -> LuaFunctionDoc? {
        let all = functions
        if let exact = all.first(where: { $0.qualifiedName == name }) { return exact }
        if let bare = all.first(where: { $0.module == HDCModule.name && !$0.isMethod && $0.name == name }) { return bare }
        guard let colon = name.lastIndex(of: ":") else {
            let dotted = "hdc." + name
            return all.first { $0.qualifiedName == dotted }
        }
        let owner = name[..<colon].lowercased()
        let method = String(name[name.index(after: colon)...])
        if owner == "client" || owner == "hdc.client" {
            return all.first { $0.isClientMethod && $0.name == method }
        }
        return all.first { $0.isMethod && $0.name == method && ($0.module.lowercased() == owner || $0.module.lowercased() == "hdc." + owner) }
    }

    /// The methods objects of the class `className` have: an `hdc.Client` has every function
    /// marked ``LuaFunctionDoc/isClientMethod``; any other class, the methods documented in the
    /// module of its name (`hdc.Task`). None for a plain record.
    public static func methods(of className: String) -> [LuaFunctionDoc] {
        functions.filter { className == HDCDocumentation.clientClass ? $0.isClientMethod : ($0.isMethod && $0.module == className) }
    }

    /// The module called `name`.
    public static func module(named name: String) -> LuaModuleDoc? {
        modules.first { $0.name == name }
    }

    /// Qualified names (`hdc.products`, `hdc.json.decode`, `hdc.null`, …) starting with
    /// `prefix`, sorted: for completion.
    public static func names(withPrefix prefix: String) -> [String] {
        var names: [String] = []
        for module in modules {
            names += module.functions.map(\.qualifiedName)
            names += module.fields.map { module.name + "." + $0.name }
        }
        return names.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
