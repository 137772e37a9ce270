import Foundation

/// A package sent for pre-production signing, as the emulator keeps it.
struct PreprodPackageRecord: Sendable {
    /// What signing made of it, once the package has been inspected.
    enum Outcome: Sendable {
        /// Signed: the asset holding the signed files.
        case signed(assetID: String, contentHash: String)
        case failed([String])
    }

    var id: String
    /// A number of the emulator's own, for the signed files' catalog.
    var serial: Int64
    var receivedAt: Date
    var bytes: Int
    var outcome: Outcome?
    /// A failure set up by a test: signing fails with these messages.
    var plannedFailure: [String]?

    /// Where the package and its signed files are kept.
    var container: String { "preprod-\(id)" }

    static let packageBlob = "package"
    static let signedBlob = "signedFiles.zip"
}
