/// One file in a driver package.
struct PackageFile: Sendable, Hashable {
    var path: String
    var size: UInt64
    /// Position in the archive's own list, for the reader that made it.
    var index: Int
}
