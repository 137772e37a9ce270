#if canImport(Glibc)
import Glibc
#endif

/// Decides whether a path lies inside the directories a sandbox granted, the way the kernel
/// will see it: the path is made absolute, `.` and `..` are applied, and every symbolic link
/// on the way is followed (at most 40, as the kernel does), so neither `..` nor a link can
/// lead out of a granted directory. A path that does not exist yet (a file about to be
/// written) is resolved as far as it exists and the rest is taken as written.
///
/// Roots are resolved the same way when the confinement is made. A path is inside a root when
/// it is the root or lies below it, compared by whole components (`/data/ab` is not inside
/// `/data/a`).
///
/// Code that opens files for a sandbox (`fs`, `loadfile`, `require`) checks the path with
/// ``resolve(_:)`` and then opens the *resolved* path it returned, so that what was checked is
/// what is opened.
public struct LuaPathConfinement: Sendable, Equatable {
    /// The granted directories, resolved.
    public let roots: [String]

    public init(roots: [String], relativeTo directory: String? = nil) {
        self.roots = roots.compactMap { LuaPathConfinement.resolve($0, relativeTo: directory) }
    }

    /// The resolved form of `path` when it lies inside one of the roots, else nil.
    public func resolve(_ path: String, relativeTo directory: String? = nil) -> String? {
        guard let resolved = LuaPathConfinement.resolve(path, relativeTo: directory) else { return nil }
        return contains(resolved) ? resolved : nil
    }

    /// The entry form of `path` (``resolveEntry(_:relativeTo:)``) when it lies inside one of
    /// the roots, else nil.
    public func resolveEntry(_ path: String, relativeTo directory: String? = nil) -> String? {
        guard let resolved = LuaPathConfinement.resolveEntry(path, relativeTo: directory) else { return nil }
        return contains(resolved) ? resolved : nil
    }

    /// True when the resolved path `resolved` is one of the roots or lies below one.
    public func contains(_ resolved: String) -> Bool {
        roots.contains { root in
            root == "/" || resolved == root || resolved.hasPrefix(root + "/")
        }
    }

    // MARK: Resolving

    /// `path` made absolute (against `directory`, else the working directory), with `.`, `..`
    /// and symbolic links resolved; nil for an empty path, a path with a NUL byte, or a loop
    /// of links.
    public static func resolve(_ path: String, relativeTo directory: String? = nil) -> String? {
        guard !path.isEmpty, !path.utf8.contains(0) else { return nil }
        var pending: [Substring]
        if path.hasPrefix("/") {
            pending = path.split(separator: "/")
        } else {
            guard let base = directory ?? currentDirectory() else { return nil }
            pending = (base + "/" + path).split(separator: "/")
        }
        pending.reverse()
        var resolved: [Substring] = []
        var links = 0
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            let candidate = "/" + (resolved + [component]).joined(separator: "/")
            guard let target = linkTarget(candidate) else {
                resolved.append(component)
                continue
            }
            links += 1
            if links > 40 { return nil }
            if target.hasPrefix("/") { resolved.removeAll() }
            pending.append(contentsOf: target.split(separator: "/").reversed())
        }
        return "/" + resolved.joined(separator: "/")
    }

    /// `path` as the directory entry it names, for removing or renaming it: its directory
    /// resolved as ``resolve(_:relativeTo:)`` does, then its last name as written, so a link
    /// there is the link, not where it leads. A last name of `.` or `..` names a directory
    /// by where it is: that path is resolved whole.
    public static func resolveEntry(_ path: String, relativeTo directory: String? = nil) -> String? {
        guard !path.isEmpty, !path.utf8.contains(0) else { return nil }
        let parts = path.split(separator: "/")
        guard let name = parts.last, name != ".", name != ".." else { return resolve(path, relativeTo: directory) }
        let parent = path.hasPrefix("/") ? "/" + parts.dropLast().joined(separator: "/") : parts.dropLast().joined(separator: "/")
        guard let resolvedParent = resolve(parent.isEmpty ? "." : parent, relativeTo: directory) else { return nil }
        return resolvedParent == "/" ? "/" + name : resolvedParent + "/" + name
    }

    /// The target of the symbolic link at `path`, or nil when it is not one (or does not exist).
    private static func linkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func currentDirectory() -> String? {
        guard let pointer = getcwd(nil, 0) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
