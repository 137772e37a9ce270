import Foundation
import LuaKit

/// `require "fs"`: files and directories for workflow scripts (what Lua's own `io` and `os`
/// lack: listing a directory, `mkdir -p`, temporary directories, whole-file reads and atomic
/// writes), bound from Foundation.
///
/// Failures raise an `hdc.Error` of kind `localFile` naming the path, so a script's uncaught
/// file problem ends the run with the I/O exit status.
enum FSLibrary {
    static let name = "fs"

    static var bindings: [HDCBinding] {
        [join, basename, dirname, absolute, exists, isDirectory, size, list, read, write, mkdir, remove, rename, tmpdir]
    }

    static func failure(_ what: String, _ path: String, _ error: any Error) -> HDCError {
        let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
        return HDCError(
            kind: .localFile, message: "\(what) \(path): \(reason)",
            advice: "Check that the path exists and that you may read and write it, then run the script again.")
    }

    /// Charges reading the file at `path` to the caller's limits before it is read: its size
    /// in steps, and its bytes against the memory limit (the file becomes a Lua string).
    static func meter(reading path: String, _ b: BindingCall) throws(LuaWorkStopped) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        var meter = LuaWorkMeter(b.stack)
        try meter.charge(Int(info.st_size) >> 5)
        try meter.hold(Int(info.st_size) * 2)
    }

    private static let pathParameter = LuaParameterDoc("path", "string", "a file or directory path")

    private static var join: HDCBinding {
        HDCBinding(.stdlib(
            name, "join", "Joins path parts with `/`, dropping empty parts and doubled slashes.",
            [LuaParameterDoc("...", "string", "the parts; an absolute part starts the path anew")],
            [LuaReturnDoc("string", "the joined path")],
            #"local zip = fs.join(out_dir, "contoso-widget.zip")"#)
        ) { b in
            var path = ""
            for n in 1...max(1, b.call.argumentCount) {
                let part = try b.call.string(n)
                if part.isEmpty { continue }
                if part.hasPrefix("/") || path.isEmpty { path = part } else { path = (path.hasSuffix("/") ? path : path + "/") + part }
            }
            b.stack.push(path)
            return .values(1)
        }
    }

    private static var basename: HDCBinding {
        HDCBinding(.stdlib(
            name, "basename", "The last part of a path (`build/out/pkg.zip` gives `pkg.zip`).",
            [pathParameter], [LuaReturnDoc("string", "the name")], #"print(fs.basename("build/contoso-widget"))   --> contoso-widget"#)
        ) { b in
            let path = try b.call.string(1)
            b.stack.push((path as NSString).lastPathComponent)
            return .values(1)
        }
    }

    private static var dirname: HDCBinding {
        HDCBinding(.stdlib(
            name, "dirname", "The directory part of a path (`.` when there is none).",
            [pathParameter], [LuaReturnDoc("string", "the directory")], #"fs.mkdir(fs.dirname(journal_path))"#)
        ) { b in
            let path = try b.call.string(1)
            let parent = (path as NSString).deletingLastPathComponent
            b.stack.push(parent.isEmpty ? "." : parent)
            return .values(1)
        }
    }

    private static var absolute: HDCBinding {
        HDCBinding(.stdlib(
            name, "absolute", "The path made absolute against the current directory, with `.` and `..` resolved.",
            [pathParameter], [LuaReturnDoc("string", "the absolute path")], #"print(fs.absolute("out/signed.zip"))"#)
        ) { b in
            let path = try b.call.string(1)
            b.stack.push(URL(fileURLWithPath: path).standardizedFileURL.path)
            return .values(1)
        }
    }

    private static var exists: HDCBinding {
        HDCBinding(.stdlib(
            name, "exists", "Tells whether a file or directory exists at a path.",
            [pathParameter], [LuaReturnDoc("boolean", "true when something is there")],
            #"if not fs.exists(package) then error("no package at " .. package) end"#)
        ) { b in
            b.stack.push(FileManager.default.fileExists(atPath: try b.path(1, .read).opened))
            return .values(1)
        }
    }

    private static var isDirectory: HDCBinding {
        HDCBinding(.stdlib(
            name, "is_dir", "Tells whether a path is a directory.",
            [pathParameter], [LuaReturnDoc("boolean", "true for a directory")],
            #"local zip = fs.is_dir(package) and archive.zip(package, tmp .. "/package.zip").path or package"#)
        ) { b in
            var directory: ObjCBool = false
            let found = FileManager.default.fileExists(atPath: try b.path(1, .read).opened, isDirectory: &directory)
            b.stack.push(found && directory.boolValue)
            return .values(1)
        }
    }

    private static var size: HDCBinding {
        HDCBinding(.stdlib(
            name, "size", "The size of a file in bytes, or nil when there is no file.",
            [pathParameter], [LuaReturnDoc("integer|nil", "the size")], #"print(("%d bytes"):format(fs.size(zip)))"#)
        ) { b in
            let path = try b.path(1, .read)
            let attributes = try? FileManager.default.attributesOfItem(atPath: path.opened)
            if let size = attributes?[.size] as? NSNumber { b.stack.push(size.int64Value) } else { b.stack.pushNil() }
            return .values(1)
        }
    }

    private static var list: HDCBinding {
        HDCBinding(.stdlib(
            name, "list", "Lists a directory's entries, sorted by name.",
            [
                LuaParameterDoc("path", "string", "the directory"),
                LuaParameterDoc("options", "table", optional: true, "`recursive` (boolean, default false): every file below it, as paths relative to it; directories themselves are left out then"),
            ],
            [LuaReturnDoc("string[]", "names (or relative paths)")],
            """
            for _, name in ipairs(fs.list("packages")) do
              if name:match("%.zip$") then print(name) end
            end
            """)
        ) { b in
            let path = try b.path(1, .read)
            let recursive = try b.options(2).flatMap { try $0.boolean("recursive") } ?? false
            var names: [String]
            do {
                if recursive {
                    guard let walker = FileManager.default.enumerator(atPath: path.opened) else {
                        throw CocoaError(.fileReadNoSuchFile)
                    }
                    names = []
                    var meter = LuaWorkMeter(b.stack)
                    while let next = walker.nextObject() as? String {
                        try meter.charge(4)
                        var directory: ObjCBool = false
                        if FileManager.default.fileExists(atPath: path.opened + "/" + next, isDirectory: &directory), !directory.boolValue {
                            names.append(next)
                        }
                    }
                } else {
                    names = try FileManager.default.contentsOfDirectory(atPath: path.opened)
                }
            } catch let stop as LuaWorkStopped {
                throw stop
            } catch {
                throw failure("cannot list", path.given, error)
            }
            names.sort()
            b.stack.newTable(arrayCapacity: names.count)
            for (i, name) in names.enumerated() {
                b.stack.push(name)
                b.stack.rawSet(at: -2, index: Int64(i + 1))
            }
            return .values(1)
        }
    }

    private static var read: HDCBinding {
        HDCBinding(.stdlib(
            name, "read", "Reads a whole file as a string (bytes as they are).",
            [pathParameter], [LuaReturnDoc("string", "the contents")],
            #"local state = hdc.json.decode(fs.read("journal.json"))"#,
            notes: "A missing or unreadable file raises kind `localFile`; check `fs.exists` first where a missing file is ordinary.")
        ) { b in
            let path = try b.path(1, .read)
            try meter(reading: path.opened, b)
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path.opened))
                data.withUnsafeBytes { b.stack.push(bytes: $0) }
            } catch {
                throw failure("cannot read", path.given, error)
            }
            return .values(1)
        }
    }

    private static var write: HDCBinding {
        HDCBinding(.stdlib(
            name, "write", "Writes a string to a file atomically (a temporary file renamed over it), creating missing directories.",
            [pathParameter, LuaParameterDoc("contents", "string", "the bytes to write")], [],
            #"fs.write("out/result.json", hdc.json.encode(result, {pretty = true}))"#,
            notes: "A reader never sees half a file, and a crash mid-write leaves the old file: what a journal needs.")
        ) { b in
            let path = try b.path(1, .write)
            let bytes = try b.call.bytes(2)
            var meter = LuaWorkMeter(b.stack)
            try meter.charge(1 + bytes.count >> 5)
            try meter.hold(bytes.count)
            do {
                let url = URL(fileURLWithPath: path.opened)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                throw failure("cannot write", path.given, error)
            }
            return .values(0)
        }
    }

    private static var mkdir: HDCBinding {
        HDCBinding(.stdlib(
            name, "mkdir", "Creates a directory and any missing parents (`mkdir -p`); one already there is fine.",
            [pathParameter], [], #"fs.mkdir("out/signed")"#)
        ) { b in
            let path = try b.path(1, .write)
            do {
                try FileManager.default.createDirectory(atPath: path.opened, withIntermediateDirectories: true)
            } catch {
                throw failure("cannot create the directory", path.given, error)
            }
            return .values(0)
        }
    }

    private static var remove: HDCBinding {
        HDCBinding(.stdlib(
            name, "remove", "Removes a file, or a directory with everything in it; nothing there is fine.",
            [pathParameter], [], #"fs.remove(tmp)"#)
        ) { b in
            let path = try b.path(1, .entry)
            var info = stat()
            guard lstat(path.opened, &info) == 0 else { return .values(0) }
            do {
                try FileManager.default.removeItem(atPath: path.opened)
            } catch {
                throw failure("cannot remove", path.given, error)
            }
            return .values(0)
        }
    }

    private static var rename: HDCBinding {
        HDCBinding(.stdlib(
            name, "rename", "Moves a file or directory to a new path, replacing a file already there.",
            [LuaParameterDoc("from", "string", "the current path"), LuaParameterDoc("to", "string", "the new path")], [],
            #"fs.rename(tmp .. "/signed.zip", "out/signed.zip")"#)
        ) { b in
            let from = try b.path(1, .entry)
            let to = try b.path(2, .entry)
            if Foundation.rename(from.opened, to.opened) != 0 {
                throw HDCError(
                    kind: .localFile, message: "cannot move \(from.given) to \(to.given): \(String(cString: strerror(errno)))",
                    advice: "Check that both paths are on the same file system and writable, then run the script again.")
            }
            return .values(0)
        }
    }

    private static var tmpdir: HDCBinding {
        HDCBinding(.stdlib(
            name, "tmpdir", "Creates a new, empty temporary directory and returns its path; the script removes it when done.",
            [LuaParameterDoc("prefix", "string", optional: true, "the start of its name (default `hwsubmit`)")],
            [LuaReturnDoc("string", "the directory's path")],
            """
            local tmp = fs.tmpdir("submit")
            -- … work in tmp …
            fs.remove(tmp)
            """)
        ) { b in
            let prefix = b.isAbsent(1) ? "hwsubmit" : try b.call.string(1)
            guard !prefix.contains("/"), !prefix.utf8.contains(0) else {
                throw LuaArgumentError(argument: b.index(1), message: "a name without '/' expected")
            }
            var directory = NSTemporaryDirectory()
            // In a sandbox: below the temporary directory, which it must be granted.
            if let context = b.stack.state.sandboxContext(for: b.stack) { directory = try context.checkWrite(directory) }
            var template = Array((directory + "/" + prefix + "-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else {
                throw HDCError(
                    kind: .localFile, message: "cannot create a temporary directory: \(String(cString: strerror(errno)))",
                    advice: "Check that TMPDIR (or /tmp) exists and is writable.")
            }
            b.stack.push(URL(fileURLWithPath: String(cString: made)).standardizedFileURL.path)
            return .values(1)
        }
    }
}
