/// Where a completed submission names its `driverMetadata` download: the service lists it in
/// `downloads.items`, and may name it in `links` (`rel` `driverMetadata`) instead or as well.
/// Chosen with a scenario's `driverMetadataIn`, so that clients are tested against each.
public enum DriverMetadataPlacement: String, Codable, Sendable, CaseIterable {
    /// A `downloads.items` entry of `type` `driverMetadata` (the default).
    case downloads
    /// A `links` entry whose `rel` is `driverMetadata`, and no download item.
    case links
    /// Both.
    case both

    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
