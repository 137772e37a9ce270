/// Where a submission's commit stands: `commitPending`, `commitStarted` (the commit answer's
/// own body), `commitReceived`, `commitComplete`, `commitFailed`.
public struct CommitStatus: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let commitPending: CommitStatus = "commitPending"
    /// What the commit answer (202) carries: `{"commitStatus": "commitStarted"}`.
    public static let commitStarted: CommitStatus = "commitStarted"
    public static let commitReceived: CommitStatus = "commitReceived"
    public static let commitComplete: CommitStatus = "commitComplete"
    public static let commitFailed: CommitStatus = "commitFailed"

    /// The design document spells the final state `commitCompleted`.
    public static var aliases: [String: String] { ["commitcompleted": "commitcomplete"] }

    /// Whether the service has the commit (started, received, complete or failed), so it must not be sent again.
    public var commitLanded: Bool {
        self == .commitStarted || self == .commitReceived || self == .commitComplete || self == .commitFailed
    }
}

/// A submission's `type`: `initial` or `derived`.
public struct SubmissionType: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let initial: SubmissionType = "initial"
    public static let derived: SubmissionType = "derived"
}

/// One step of the ingestion pipeline, in the order the service walks them (and the steps of
/// shipping labels, ``ShippingLabel/knownSteps``).
///
/// The service has been seen sending a submission's step as a number: that is how .NET writes
/// an enum without a string converter, so a number is read as the 0-based index into
/// ``documentedOrder``. A shipping label keeps its number as given (``ShippingLabel``), and a
/// step that is a number is written back as one.
public struct WorkflowStep: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let packageInfoValidation: WorkflowStep = "packageInfoValidation"
    public static let preparation: WorkflowStep = "preparation"
    public static let scanning: WorkflowStep = "scanning"
    public static let validation: WorkflowStep = "validation"
    public static let catalogCreation: WorkflowStep = "catalogCreation"
    public static let manualReview: WorkflowStep = "manualReview"
    public static let signing: WorkflowStep = "signing"
    public static let finalizeIngestion: WorkflowStep = "finalizeIngestion"

    public static let documentedOrder: [WorkflowStep] = [
        .packageInfoValidation, .preparation, .scanning, .validation,
        .catalogCreation, .manualReview, .signing, .finalizeIngestion,
    ]

    /// The step's position in ``documentedOrder``, or `nil` for a step this library does not know.
    public var ordinal: Int? { Self.documentedOrder.firstIndex(of: self) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int.self) {
            self.init(rawValue: Self.documentedOrder.indices.contains(n) ? Self.documentedOrder[n].rawValue : String(n))
        } else {
            self.init(rawValue: try container.decode(String.self))
        }
    }

    /// A step number that was kept as given (a shipping label's) goes back out as a number.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let number = Int64(rawValue) { try container.encode(number) } else { try container.encode(rawValue) }
    }
}

/// The state of the current step: `notStarted`, `started`, `failed`, `completed`.
///
/// Accepts a number the same way ``WorkflowStep`` does.
public struct WorkflowState: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let notStarted: WorkflowState = "notStarted"
    public static let started: WorkflowState = "started"
    public static let failed: WorkflowState = "failed"
    public static let completed: WorkflowState = "completed"

    static let documentedOrder: [WorkflowState] = [.notStarted, .started, .failed, .completed]

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int.self) {
            self.init(rawValue: Self.documentedOrder.indices.contains(n) ? Self.documentedOrder[n].rawValue : String(n))
        } else {
            self.init(rawValue: try container.decode(String.self))
        }
    }
}

/// The kind of a download item; unknown kinds (`ExternalNotes`, `Unknown`, …) are kept.
public struct DownloadType: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let initialPackage: DownloadType = "initialPackage"
    public static let derivedPackage: DownloadType = "derivedPackage"
    public static let signedPackage: DownloadType = "signedPackage"
    public static let certificationReport: DownloadType = "certificationReport"
    public static let driverMetadata: DownloadType = "driverMetadata"
    /// Not a download item: the `errorReport` URL of a failed submission's workflow status,
    /// which ``Submission/downloadURL(_:)`` returns for this type, so that it downloads like one.
    public static let errorReport: DownloadType = "errorReport"
}

/// A product's `deviceType`: `internal`, `external`, `internalExternal`, `notSet`.
public struct DeviceType: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let `internal`: DeviceType = "internal"
    public static let external: DeviceType = "external"
    public static let internalExternal: DeviceType = "internalExternal"
    public static let notSet: DeviceType = "notSet"
    public static let known: [DeviceType] = [.internal, .external, .internalExternal, .notSet]
}

/// A product's `testHarness`. Requests spell it `Attestation`/`HLK`; answers come back lower-case.
public struct TestHarness: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let attestation: TestHarness = "Attestation"
    public static let hlk: TestHarness = "HLK"
    public static let hck: TestHarness = "hck"
    public static let notSet: TestHarness = "notset"
}

/// Where a shipping label publishes: `windowsUpdate`, `anotherPartner`, `notSet`.
public struct ShippingDestination: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let windowsUpdate: ShippingDestination = "windowsUpdate"
    public static let anotherPartner: ShippingDestination = "anotherPartner"
    public static let notSet: ShippingDestination = "notSet"
}

/// A hardware ID's or CHID's `distributionState` on a shipping label: `pendingAdd`,
/// `pendingRemove`, `added`, `notSet` (and for CHIDs `Unknown`, `PendingRecovery`, `Recovered`).
public struct DistributionState: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let pendingAdd: DistributionState = "pendingAdd"
    public static let pendingRemove: DistributionState = "pendingRemove"
    public static let added: DistributionState = "added"
    public static let removed: DistributionState = "removed"
    public static let notSet: DistributionState = "notSet"
    public static let unknown: DistributionState = "unknown"
    public static let pendingRecovery: DistributionState = "pendingRecovery"
    public static let recovered: DistributionState = "recovered"
}

/// The `code` of a service error body. Answers spell codes in camelCase (`invalidInput`), the
/// documentation's table in PascalCase (`InvalidInput`): they compare equal, and
/// ``canonical`` gives the camelCase spelling of a known code.
public struct ServiceErrorCode: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let invalidInput: ServiceErrorCode = "invalidInput"
    public static let requestInvalidForCurrentState: ServiceErrorCode = "requestInvalidForCurrentState"
    public static let updateUnauthorized: ServiceErrorCode = "updateUnauthorized"
    public static let entityNotFound: ServiceErrorCode = "entityNotFound"
    public static let readOnlyProduct: ServiceErrorCode = "readOnlyProduct"

    static let known: [ServiceErrorCode] = [
        .invalidInput, .requestInvalidForCurrentState, .updateUnauthorized, .entityNotFound, .readOnlyProduct,
    ]

    /// The camelCase spelling of a known code, whatever case it arrived in; other codes as sent.
    public var canonical: String { Self.known.first { $0 == self }?.rawValue ?? rawValue }
}
