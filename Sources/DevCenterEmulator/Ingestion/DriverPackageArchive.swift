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
