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

    /// The sample as a ZIP archive.
    public static func zip() throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for path in paths {
            let data = try Data(contentsOf: directory.appendingPathComponent(path))
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(archive.data ?? Data())
    }
}
