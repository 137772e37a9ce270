import Foundation
import ZIPFoundation

/// The sample driver package of examples/contoso-widget, zipped in memory, for tests that
/// upload a real package.
public enum SampleDriverPackage {
    /// examples/contoso-widget in this repository.
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/contoso-widget")

    /// The files of the package, by their path inside it.
    public static let paths = ["contosowidget.inf", "x64/contosowidget.sys", "arm64/contosowidget.sys"]

    /// The sample's files with their contents, the INF first, for tests that change one before zipping.
    public static func files() throws -> [(path: String, data: Data)] {
        try paths.map { ($0, try Data(contentsOf: directory.appendingPathComponent($0))) }
    }

    /// The sample as a ZIP archive.
    public static func zip() throws -> [UInt8] { try zip(files()) }

    /// `files` as a ZIP archive (deflated), each at its path.
    public static func zip(_ files: [(path: String, data: Data)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in files {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(archive.data ?? Data())
    }
}
