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
    }

    var products: [Int64: Product] = [:]
    var productOrder: [Int64] = []
    var submissions: [Int64: Submission] = [:]
    var submissionOrder: [Int64] = []
    var labels: [Int64: ShippingLabel] = [:]
    var labelOrder: [Int64] = []
    /// Failures planned for submissions not created yet (`fail-at` on `next`), in order.
    var failuresForNextSubmissions: [PlannedFailure] = []

    var productIDs = IDSequence(start: 14_631_253_285_588_839)
    var sharedProductIDs = IDSequence(start: 1_152_921_504_606_971_255)
    var submissionIDs = IDSequence(start: 1_152_921_504_621_465_124)
    var labelIDs = IDSequence(start: 1_152_921_504_628_012_345)
}

/// A failure set up by a test: the submission fails when the pipeline reaches `step`.
public struct PlannedFailure: Sendable, Hashable, Codable {
    public var step: WorkflowStep
    public var messages: [String]

    public init(step: WorkflowStep, messages: [String] = []) {
        self.step = step
        self.messages = messages
    }
}

/// What inspecting a committed package found.
enum IngestionOutcome: Sendable {
    case passed(IngestedPackage)
    case failed([String])
}

/// A package that passed validation: its metadata and what the pipeline produced.
struct IngestedPackage: Sendable {
    var metadata: DriverMetadata
    var isExtensionInf: Bool
    var isDeclarativeInf: Bool
    var isUniversal: Bool
}

/// Sequential 64-bit IDs that never fit a `Double` exactly, so a client that parses them as
/// floating point gets a different number and the mistake shows.
struct IDSequence: Sendable {
    private var next: Int64

    init(start: Int64) { next = start }

    mutating func take() -> Int64 {
        while Int64(exactly: Double(next)) == next { next += 1 }
        defer { next += 1 }
        return next
    }
}
