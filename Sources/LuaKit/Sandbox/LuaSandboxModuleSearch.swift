#if canImport(Glibc)
import Glibc
#endif

/// Where a sandbox's `require` finds a Lua module: `NAME.lua` or `NAME/init.lua` (dots in the
/// name becoming slashes) below each directory of the confinement, the file resolved (links
/// followed) and still inside a granted directory. Names with a slash, a backslash or an
/// empty part (`..`) are never looked up.
struct LuaSandboxModuleSearch {
    enum Outcome: Equatable {
        case found(String)
        /// The places tried, in `require`'s message format (`\n\tno file '…'`).
        case notFound(String)
    }

    let confinement: LuaPathConfinement

    /// `package.path` as the sandbox sees it: the templates it searches, for messages.
    var pathDescription: String {
        confinement.roots.flatMap { ["\($0)/?.lua", "\($0)/?/init.lua"] }.joined(separator: ";")
    }

    func find(_ name: String) -> Outcome {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.contains("/"), !name.contains("\\"), !name.utf8.contains(0),
              parts.allSatisfy({ !$0.isEmpty }) else {
            return .notFound("\n\tno file (the sandbox loads modules by plain dotted names only)")
        }
        let relative = parts.joined(separator: "/")
        var tried = ""
        for root in confinement.roots {
            for candidate in ["\(root)/\(relative).lua", "\(root)/\(relative)/init.lua"] {
                if let resolved = confinement.resolve(candidate), isReadableFile(resolved) {
                    return .found(resolved)
                }
                tried += "\n\tno file '\(candidate)'"
            }
        }
        if confinement.roots.isEmpty { tried = "\n\tno directory to search (the sandbox was granted none)" }
        return .notFound(tried)
    }

    private func isReadableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, R_OK) == 0
    }
}
