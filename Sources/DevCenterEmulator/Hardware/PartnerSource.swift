import Foundation

/// Where a product or submission shared with this account came from: the partner's publisher
/// ID and their own product (and submission) IDs.
struct PartnerSource: Sendable, Hashable {
    var publisherId: String
    var productId: Int64
    var submissionId: Int64?
    /// When `createpublishermetadata` was first asked for the shared submission: its driver
    /// metadata appears the emulator's metadata delay later.
    var metadataRequestedAt: Date?
}
