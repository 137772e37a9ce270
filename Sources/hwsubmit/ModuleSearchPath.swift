import LuaKit
#if canImport(Glibc)
import Glibc
#endif

/// Where `require` looks: hwsubmit's own `stdlib/` first, then the system's Lua 5.4
/// directories, with `LUA_PATH`/`LUA_CPATH` honoured as `lua` does.
///
/// The stdlib directory is, in order:
/// 1. `HWSUBMIT_PATH`, when set (not under `-E`);
/// 2. `<prefix>/share/hwsubmit/stdlib` for an installed `<prefix>/bin/hwsubmit`;
/// 3. `stdlib/` of the source checkout a development build runs from
///    (`<checkout>/.build/<triple>/<config>/hwsubmit`).
struct ModuleSearchPath {
    var ignoreEnvironment: Bool
    var environment: (String) -> String? = { name in getenv(name).map { String(cString: $0) } }
    var executableDirectory: String? = ExecutableLocation.directory

    /// The directory of hwsubmit's Lua modules, or nil when none is found.
    var stdlibDirectory: String? {
        if !ignoreEnvironment, let configured = environment("HWSUBMIT_PATH"), !configured.isEmpty {
            return configured
        }
        guard let directory = executableDirectory else { return nil }
        let installed = FilePath.join(directory, "../share/hwsubmit/stdlib")
        if FilePath.isDirectory(installed) { return FilePath.canonical(installed) ?? installed }
        var candidate = directory
        for _ in 0..<6 {
            candidate = FilePath.directory(of: candidate)
            let stdlib = FilePath.join(candidate, "stdlib")
            if FilePath.isFile(FilePath.join(candidate, "Package.swift")) && FilePath.isDirectory(stdlib) {
                return stdlib
            }
            if candidate == "/" { break }
        }
        return nil
    }

    /// `package.path` when `LUA_PATH` says nothing: the stdlib, then Lua's compiled-in default
    /// (Debian's /usr/local/share/lua/5.4, /usr/share/lua/5.4, ./?.lua …).
    var defaultPath: String {
        let system = LuaState.defaultModulePath
        guard let stdlib = stdlibDirectory else { return system }
        return "\(FilePath.join(stdlib, "?.lua"));\(FilePath.join(stdlib, "?/init.lua"));\(system)"
    }

    /// `package.cpath` when `LUA_CPATH` says nothing: Lua's compiled-in default, which
    /// includes Debian's /usr/lib/x86_64-linux-gnu/lua/5.4.
    var defaultCPath: String { LuaState.defaultCModulePath }

    /// `LUA_PATH_5_4` or `LUA_PATH` with `;;` replaced by `defaultValue`, as `lua` computes it.
    func resolve(variable: String, defaultValue: String) -> String {
        guard !ignoreEnvironment, let configured = environment(variable + "_5_4") ?? environment(variable) else {
            return defaultValue
        }
        guard let mark = configured.firstRange(of: ";;") else { return configured }
        var result = ""
        if mark.lowerBound > configured.startIndex { result += configured[..<mark.lowerBound] + ";" }
        result += defaultValue
        if mark.upperBound < configured.endIndex { result += ";" + configured[mark.upperBound...] }
        return result
    }

    /// Sets `package.path` and `package.cpath` in a state whose libraries are open.
    func apply(to stack: LuaStack) {
        guard stack.getGlobal("package") == .table else {
            stack.pop()
            return
        }
        stack.push(resolve(variable: "LUA_PATH", defaultValue: defaultPath))
        stack.rawSet(at: -2, "path")
        stack.push(resolve(variable: "LUA_CPATH", defaultValue: defaultCPath))
        stack.rawSet(at: -2, "cpath")
        stack.pop()
    }
}
