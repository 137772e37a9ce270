import LuaKit
#if canImport(Glibc)
import Glibc
#endif

/// Where `require` looks: the module folders of `HWSUBMIT_PATH`, then hwsubmit's own
/// `stdlib/`, then the system's Lua 5.4 directories, with `LUA_PATH`/`LUA_CPATH` honoured as
/// `lua` does.
///
/// `HWSUBMIT_PATH` is a `:`-separated list of folders (a team library, a git checkout), searched
/// in order before the stdlib, so a module there can shadow a stdlib module on purpose; the
/// stdlib is searched after them whatever they hold. It is ignored under `-E`.
///
/// The stdlib directory is, in order:
/// 1. `<prefix>/share/hwsubmit/stdlib` for an installed `<prefix>/bin/hwsubmit`;
/// 2. `stdlib/` of the source checkout a development build runs from
///    (`<checkout>/.build/<triple>/<config>/hwsubmit`).
struct ModuleSearchPath {
    var ignoreEnvironment: Bool
    var environment: (String) -> String? = { name in getenv(name).map { String(cString: $0) } }
    var executableDirectory: String? = ExecutableLocation.directory

    /// The folders of `HWSUBMIT_PATH`, in order (empty entries skipped); none under `-E`.
    var libraryDirectories: [String] {
        guard !ignoreEnvironment, let configured = environment("HWSUBMIT_PATH") else { return [] }
        return configured.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
    }

    /// The directory of hwsubmit's own Lua modules, or nil when none is found.
    var stdlibDirectory: String? {
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

    /// Every folder of Lua modules hwsubmit adds in front of the system's, in search order:
    /// `HWSUBMIT_PATH`'s, then the stdlib.
    var moduleDirectories: [String] {
        libraryDirectories + (stdlibDirectory.map { [$0] } ?? [])
    }

    /// The first of ``moduleDirectories`` that holds `relativePath` (`spec/runner.lua`).
    func firstDirectory(holding relativePath: String) -> String? {
        moduleDirectories.first { FilePath.isFile(FilePath.join($0, relativePath)) }
    }

    /// `package.path` when `LUA_PATH` says nothing: the folders of `HWSUBMIT_PATH`, the stdlib,
    /// then Lua's compiled-in default (Debian's /usr/local/share/lua/5.4, /usr/share/lua/5.4,
    /// ./?.lua …).
    var defaultPath: String {
        // Concatenated by hand: the generic `joined(separator:)` costs a scan of the binary's
        // conformances at start-up (docs/performance.md).
        var path = ""
        for directory in moduleDirectories {
            path += FilePath.join(directory, "?.lua") + ";" + FilePath.join(directory, "?/init.lua") + ";"
        }
        return path + LuaState.defaultModulePath
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
