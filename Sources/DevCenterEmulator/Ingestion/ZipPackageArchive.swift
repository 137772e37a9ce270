import Foundation
import ZIPFoundation

/// A ZIP driver package, read with ZIPFoundation.
final class ZipPackageArchive: DriverPackageArchive {
    private let archive: Archive
    private let entries: [Entry]
    let files: [PackageFile]

    init(url: URL, maxFiles: Int) throws {
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw PackageReadError("the package looks like a ZIP file but its directory cannot be read (\(error)); zip it again")
        }
        var entries: [Entry] = []
        for entry in archive where entry.type == .file {
            guard entries.count < maxFiles else {
                throw PackageReadError("the package holds more than \(maxFiles) files")
            }
            entries.append(entry)
        }
        self.entries = entries
        files = entries.enumerated().map { i, e in
            PackageFile(path: e.path.replacingOccurrences(of: "\\", with: "/"), size: e.uncompressedSize, index: i)
        }
    }

    func data(of file: PackageFile, limit: Int) throws -> Data {
        guard file.size <= UInt64(limit) else {
            throw PackageReadError("\(file.path) is \(file.size) bytes, more than the \(limit) bytes allowed for it")
        }
        var data = Data()
        do {
            _ = try archive.extract(entries[file.index]) { chunk in
                guard data.count + chunk.count <= limit else { throw PackageReadError("\(file.path) is larger than its ZIP entry says") }
                data.append(chunk)
            }
        } catch let error as PackageReadError {
            throw error
        } catch {
            throw PackageReadError("\(file.path) cannot be extracted from the ZIP file (\(error))")
        }
        return data
    }

    func extract(_ file: PackageFile, to url: URL) throws {
        do {
            _ = try archive.extract(entries[file.index], to: url)
        } catch {
            throw PackageReadError("\(file.path) cannot be extracted from the ZIP file (\(error))")
        }
    }
}
