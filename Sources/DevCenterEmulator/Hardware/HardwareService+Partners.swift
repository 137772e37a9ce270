import DevCenter
import Foundation
import Hummingbird

/// Submissions partners shared with this account: the translation of their IDs
/// (`GET /products/relationships/sourcepubliherid/…`), and driver metadata that appears only
/// after `createpublishermetadata` and the metadata delay.
extension HardwareService {
    /// The `originType` the emulator gives a product shared with this account. The service's
    /// documentation shows only `author`; clients should go by `sourcePublisherId`.
    static let sharedOriginType = "partner"

    /// Whether a completed submission's driver metadata can be downloaded: always for this
    /// account's own, for a shared one only once its metadata delay has passed since it was asked for.
    func hasDriverMetadata(_ submission: HardwareState.Submission) -> Bool {
        guard let source = submission.source else { return true }
        guard let asked = source.metadataRequestedAt else { return false }
        return clock.now.timeIntervalSince(asked) >= metadataDelay
    }

    func partnerSubmission(_ call: Call) throws -> Response {
        let publisher = String(call.ids[0]), productID = call.ids[1], submissionID = call.ids[2]
        let (product, submission) = try state.withLock { s throws(HTTPFailure) in
            guard let submission = s.submissionOrder.compactMap({ s.submissions[$0] }).first(where: {
                $0.source?.publisherId == publisher && $0.source?.productId == productID && $0.source?.submissionId == submissionID
            }) else {
                throw .notFound("A submission shared by publisher \(publisher) as product \(productID), submission \(submissionID),")
            }
            return (s.products[submission.productId], submission)
        }
        return json(renderSubmission(submission, product: product, call, full: true))
    }

    /// Marks a submission of this account (and its product) as shared by a partner, as the
    /// admin API sets partner data up.
    func share(productID: Int64, submissionID: Int64, as source: PartnerSource) throws(HTTPFailure) {
        try state.withLock { s throws(HTTPFailure) in
            _ = try self.submission(productID, submissionID, in: s)
            s.products[productID]?.source = PartnerSource(publisherId: source.publisherId, productId: source.productId)
            s.submissions[submissionID]?.source = source
        }
    }
}
