import DevCenter
import Foundation
import LuaKit
import ZIPFoundation

/// `require "archive"`: ZIP files for driver packages (zip a folder, list a ZIP, read or extract
/// its entries), bound over ZIPFoundation.
///
/// `archive.zip` is reproducible: entries in sorted order, each with its file's modification
/// time, so zipping an unchanged folder again gives the same bytes, and an upload interrupted
/// half-way resumes with the blocks already sent.
enum ArchiveLibrary {
    static let name = "archive"

    static var bindings: [HDCBinding] { [zip, list, read, extract] }

    private static func failure(_ what: String, _ path: String, _ error: any Error) -> HDCError {
        HDCError(
            kind: .localFile, message: "\(what) \(path): \(error)",
            advice: "Check that the path is a readable ZIP file (or a folder, to zip) and that the target is writable.")
    }

    private static func open(_ path: String, _ mode: Archive.AccessMode) throws(HDCError) -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: path), accessMode: mode)
        } catch {
            throw failure(mode == .read ? "cannot read the ZIP file" : "cannot create the ZIP file", path, error)
        }
    }

    private static var zip: HDCBinding {
        HDCBinding(.stdlib(
            name, "zip", "Zips every file below a folder into a ZIP file (deflated, paths relative to the folder).",
            [
                LuaParameterDoc("folder", "string", "the folder to zip"),
                LuaParameterDoc("zip_path", "string", "the ZIP file to write (replaced if there)"),
            ],
            [LuaReturnDoc("table", "`path`, `files` (how many), `bytes` (the ZIP's size)")],
            """
            local made = archive.zip("examples/contoso-widget", "out/contoso-widget.zip")
            print(made.files, made.bytes)
            """,
            notes: "Reproducible: sorted entries and the files' own modification times, so an unchanged folder zips to the same bytes. The ZIP appears under its name only when complete.")
        ) { b in
            let folder = try b.path(1, .read)
            let target = try b.path(2, .write)
            let root = URL(fileURLWithPath: folder.opened).standardizedFileURL
            var directory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.path, isDirectory: &directory), directory.boolValue else {
                throw HDCError(
                    kind: .localFile, message: "cannot zip \(folder.given): it is not a folder",
                    advice: "Give the folder that holds the driver package (its INF files and binaries).")
            }
            var files: [String] = []
            for case let relative as String in FileManager.default.enumerator(atPath: root.path) ?? NSEnumerator() {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path, isDirectory: &isDir), !isDir.boolValue {
                    files.append(relative)
                }
            }
            files.sort()
            var meter = LuaWorkMeter(b.stack)
            try meter.charge(files.count)
            // In a sandbox, a file reached through a link that leads out of the granted
            // directories is refused, not zipped.
            if let context = b.stack.state.sandboxContext(for: b.stack) {
                for relative in files { _ = try context.checkRead(root.appendingPathComponent(relative).path) }
            }
            let targetURL = URL(fileURLWithPath: target.opened).standardizedFileURL
            let partial = targetURL.deletingLastPathComponent().appendingPathComponent(".\(targetURL.lastPathComponent).partial")
            do {
                try FileManager.default.createDirectory(at: targetURL.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? FileManager.default.removeItem(at: partial)
                let archive = try open(partial.path, .create)
                for relative in files {
                    let file = root.appendingPathComponent(relative)
                    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
                    let modified = attributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 315_532_800)
                    let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
                    let handle = try FileHandle(forReadingFrom: file)
                    defer { try? handle.close() }
                    try archive.addEntry(
                        with: relative, type: .file, uncompressedSize: size, modificationDate: modified, permissions: 0o644,
                        compressionMethod: .deflate
                    ) { position, chunk in
                        try meter.charge(1 + chunk >> 5)
                        try handle.seek(toOffset: UInt64(position))
                        return try handle.read(upToCount: chunk) ?? Data()
                    }
                }
                if FileManager.default.fileExists(atPath: targetURL.path) { try FileManager.default.removeItem(at: targetURL) }
                try FileManager.default.moveItem(at: partial, to: targetURL)
            } catch let error as HDCError {
                try? FileManager.default.removeItem(at: partial)
                throw error
            } catch let stop as LuaWorkStopped {
                try? FileManager.default.removeItem(at: partial)
                throw stop
            } catch {
                try? FileManager.default.removeItem(at: partial)
                throw failure("cannot zip \(folder.given) into", target.given, error)
            }
            let bytes = ((try? FileManager.default.attributesOfItem(atPath: targetURL.path))?[.size] as? NSNumber)?.int64Value ?? 0
            b.stack.push(json: .object(["path": .string(target.given), "files": .integer(Int64(files.count)), "bytes": .integer(bytes)]))
            return .values(1)
        }
    }

    private static var list: HDCBinding {
        HDCBinding(.stdlib(
            name, "list", "Lists the files in a ZIP file, in the order they are stored.",
            [LuaParameterDoc("zip_path", "string", "the ZIP file")],
            [LuaReturnDoc("table[]", "one `{path = …, size = …, compressed_size = …, crc32 = …}` per file")],
            """
            for _, entry in ipairs(archive.list("out/signed.zip")) do
              print(entry.path, entry.size)
            end
            """)
        ) { b in
            let path = try b.path(1, .read)
            let archive = try open(path.opened, .read)
            var meter = LuaWorkMeter(b.stack)
            let entries: [JSONValue] = try archive.filter { $0.type == .file }.map { entry in
                try meter.charge(8)
                return .object([
                    "path": .string(entry.path), "size": .integer(Int64(entry.uncompressedSize)),
                    "compressed_size": .integer(Int64(entry.compressedSize)), "crc32": .integer(Int64(entry.checksum)),
                ])
            }
            b.stack.push(json: .array(entries))
            return .values(1)
        }
    }

    private static var read: HDCBinding {
        HDCBinding(.stdlib(
            name, "read", "Reads one file of a ZIP file as a string, or returns nil and a message when the ZIP has no such file.",
            [LuaParameterDoc("zip_path", "string", "the ZIP file"), LuaParameterDoc("entry", "string", "the file's path in it (case is ignored)")],
            [LuaReturnDoc("string|nil", name: "contents", "its bytes"), LuaReturnDoc("string|nil", name: "message", "why there are none")],
            #"local text = archive.read("package.zip", "contosowidget.inf")"#)
        ) { b in
            let path = try b.path(1, .read)
            let wanted = try b.call.string(2)
            let archive = try open(path.opened, .read)
            guard let entry = archive.first(where: { $0.type == .file && $0.path.lowercased() == wanted.lowercased() }) else {
                b.stack.pushNil()
                b.stack.push("\(path.given) holds no file \(wanted)")
                return .values(2)
            }
            var data = Data()
            var meter = LuaWorkMeter(b.stack)
            do {
                _ = try archive.extract(entry) { chunk in
                    try meter.charge(1 + chunk.count >> 5)
                    data.append(chunk)
                    try meter.hold(data.count)
                }
            } catch let stop as LuaWorkStopped {
                throw stop
            } catch {
                throw failure("cannot read \(wanted) from", path.given, error)
            }
            data.withUnsafeBytes { b.stack.push(bytes: $0) }
            return .values(1)
        }
    }

    private static var extract: HDCBinding {
        HDCBinding(.stdlib(
            name, "extract", "Extracts every file of a ZIP file into a folder (created when missing).",
            [LuaParameterDoc("zip_path", "string", "the ZIP file"), LuaParameterDoc("folder", "string", "where the files go")],
            [LuaReturnDoc("string[]", "the paths written, relative to the folder")],
            #"archive.extract("out/signed.zip", "out/signed")"#,
            notes: "An entry whose path would leave the folder (`../`) is refused, and nothing more is written.")
        ) { b in
            let path = try b.path(1, .read)
            let given = try b.path(2, .write)
            let archive = try open(path.opened, .read)
            var written: [JSONValue] = []
            do {
                try FileManager.default.createDirectory(atPath: given.opened, withIntermediateDirectories: true)
                // Where each entry goes is resolved as the kernel will see it (links in the folder
                // followed), so neither `../` nor a link inside the folder leads out of it.
                guard let resolvedFolder = LuaPathConfinement.resolve(given.opened) else { throw CocoaError(.fileWriteInvalidFileName) }
                let folder = LuaPathConfinement(roots: [resolvedFolder])
                var meter = LuaWorkMeter(b.stack)
                for entry in archive where entry.type == .file {
                    try meter.charge(8)
                    guard let resolved = folder.resolve(resolvedFolder + "/" + entry.path), resolved != resolvedFolder else {
                        throw HDCError(
                            kind: .localFile, message: "\(path.given) holds \(entry.path), whose path leaves the folder it is extracted into",
                            advice: "The ZIP file is malformed or malicious (or the folder holds a link that leads out of it); do not use it.")
                    }
                    let target = URL(fileURLWithPath: resolved)
                    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
                    // Written chunk by chunk, so that the limits reach inside a large entry.
                    guard FileManager.default.createFile(atPath: target.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
                    let handle = try FileHandle(forWritingTo: target)
                    defer { try? handle.close() }
                    do {
                        _ = try archive.extract(entry) { chunk in
                            try meter.charge(1 + chunk.count >> 5)
                            try handle.write(contentsOf: chunk)
                        }
                    } catch {
                        try? FileManager.default.removeItem(at: target)  // no half-written file
                        throw error
                    }
                    try? FileManager.default.setAttributes(entry.fileAttributes, ofItemAtPath: target.path)
                    written.append(.string(entry.path))
                }
            } catch let error as HDCError {
                throw error
            } catch let stop as LuaWorkStopped {
                throw stop
            } catch {
                throw failure("cannot extract", path.given, error)
            }
            b.stack.push(json: .array(written))
            return .values(1)
        }
    }
}
