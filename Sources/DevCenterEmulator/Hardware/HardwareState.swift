import DevCenter
import Foundation

/// Everything the hardware API holds, in memory: products, submissions, shipping labels, and
/// the ID counters. Guarded by one lock in ``HardwareService``.
struct HardwareState: Sendable {
    struct Product: Sendable {
        var id: Int64
        var sharedProductId: Int64
        /// The fields as created or patched, keys as the service writes them (unknown ones kept).
        var fields: [String: JSONValue]
        var createdAt: Date
        var updatedAt: Date
        var isCommitted = false
    }

    struct Submission: Sendable {
        var id: Int64
        var productId: Int64
        var name: String
        var type: SubmissionType
        var extraFields: [String: JSONValue]
        var committedAt: Date?
        /// `nil` before commit and while the package is being inspected.
        var outcome: IngestionOutcome?
        var plannedFailure: PlannedFailure?

        /// Where the package goes, and where the pipeline's outputs are kept.
        var container: String { "submission-\(id)" }
    }

    struct ShippingLabel: Sendable {
        var id: Int64
        var productId: Int64
        var submissionId: Int64
        var name: String
        var destination: ShippingDestination
        var publishingSpecifications: JSONValue?
        var recipientSpecifications: JSONValue?
        var targeting: Targeting
        var extraFields: [String: JSONValue]
        /// When the label's pipeline (re)started: on create, PATCH and cancel.
        var startedAt: Date
        var cancelled = false
        /// A failure set up by a test for the label's current pipeline run (a PATCH or a cancel
        /// starts a new run, without it).
        var plannedFailure: PlannedFailure?

        /// The steps its destination walks.
        var steps: [WorkflowStep] {
            destination == .anotherPartner ? DevCenter.ShippingLabel.sharingSteps : DevCenter.ShippingLabel.windowsUpdateSteps
        }
    }

    var products: [Int64: Product] = [:]
    var productOrder: [Int64] = []
    var submissions: [Int64: Submission] = [:]
    var submissionOrder: [Int64] = []
    var labels: [Int64: ShippingLabel] = [:]
    var labelOrder: [Int64] = []
    /// Failures planned for submissions not created yet (`fail-at` on `next`), in order.
    var failuresForNextSubmissions: [PlannedFailure] = []
    /// Failures planned for shipping labels not created yet, in order.
    var failuresForNextLabels: [PlannedFailure] = []

    var productIDs = IDSequence(start: 14_631_253_285_588_839)
    var sharedProductIDs = IDSequence(start: 1_152_921_504_606_971_255)
    var submissionIDs = IDSequence(start: 1_152_921_504_621_465_124)
    var labelIDs = IDSequence(start: 1_152_921_504_628_012_345)
}
