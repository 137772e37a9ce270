import LuaKit
#if canImport(Glibc)
import Glibc
#endif

/// The names `require` could load, for completing `require "…`: modules already loaded or
/// preloaded, and the Lua files found through `package.path`.
struct ModuleNames {
    let stack: LuaStack

    /// Module names starting with `prefix`. A directory that holds modules but is not one
    /// itself is offered as `name.`, so Tab goes on into it.
    func matching(_ prefix: String) -> Set<String> {
        var names: Set<String> = []
        let top = stack.top
        defer { stack.top = top }
        guard stack.getGlobal("package") == .table else { return names }
        for table in ["loaded", "preload"] {
            if stack.rawGet(at: -1, table) == .table {
                stack.forEachPair(at: -1) {
                    if let name = stack.string(at: -2), name.hasPrefix(prefix), name != "_G" { names.insert(name) }
                }
            }
            stack.pop()
        }
        if stack.rawGet(at: -1, "path") == .string, let path = stack.string(at: -1) {
            names.formUnion(files(matching: prefix, searchPath: path))
        }
        return names
    }

    /// Modules under the templates of a search path (`/usr/share/lua/5.4/?.lua;…`).
    func files(matching prefix: String, searchPath: String) -> Set<String> {
        var names: Set<String> = []
        let parts = prefix.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let packagePath = parts.dropLast().joined(separator: "/")
        let namespace = parts.dropLast().map { $0 + "." }.joined()
        for template in searchPath.split(separator: ";") {
            guard let mark = template.firstIndex(of: "?") else { continue }
            let base = String(template[..<mark])
            let suffix = String(template[template.index(after: mark)...])
            guard base.isEmpty || base.hasSuffix("/") else { continue }
            let directory = (base.isEmpty ? "./" : base) + (packagePath.isEmpty ? "" : packagePath + "/")
            for entry in Self.entries(of: directory) where !entry.name.hasPrefix(".") {
                if suffix.hasPrefix("/") {
                    if entry.isDirectory, FilePath.isFile(directory + entry.name + suffix) { names.insert(namespace + entry.name) }
                } else if !entry.isDirectory, entry.name.hasSuffix(suffix), entry.name.count > suffix.count {
                    names.insert(namespace + String(entry.name.dropLast(suffix.count)))
                } else if entry.isDirectory, Self.holdsModules(directory + entry.name, suffix: suffix) {
                    names.insert(namespace + entry.name + ".")
                }
            }
        }
        return names.filter { $0.hasPrefix(prefix) }
    }

    private static func holdsModules(_ directory: String, suffix: String) -> Bool {
        entries(of: directory + "/").contains { !$0.isDirectory && $0.name.hasSuffix(suffix) }
    }

    private static func entries(of directory: String) -> [(name: String, isDirectory: Bool)] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var result: [(String, Bool)] = []
        while let entry = readdir(handle), result.count < 2000 {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                isDirectory = FilePath.isDirectory(directory + name)
            }
            result.append((name, isDirectory))
        }
        return result
    }
}
