import Foundation

/// A driver package as uploaded, a ZIP or a CAB: its files, readable one at a time.
protocol DriverPackageArchive {
    /// Files (not directories), with `/` as separator, in archive order.
    var files: [PackageFile] { get }
    /// The whole content of a file, refused when it is larger than `limit`.
    func data(of file: PackageFile, limit: Int) throws -> Data
    /// Writes a file's content to `url`, streaming.
    func extract(_ file: PackageFile, to url: URL) throws
}

/// One file in a driver package.
struct PackageFile: Sendable, Hashable {
    var path: String
    var size: UInt64
    /// Position in the archive's own list, for the reader that made it.
    var index: Int
}

/// Why a package could not be read; the message goes to the submission's failure messages.
struct PackageReadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
