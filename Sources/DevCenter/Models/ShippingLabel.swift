import Foundation

/// A shipping label as the service returns it; ``targeting`` is present when asked for
/// with `includeTargetingInfo=true`.
///
/// A numeric `workflowStatus.currentStep` is the label's own step number, kept as given (as
/// `"5"`): the ingestion order a submission's number is read by does not apply to labels.
public struct ShippingLabel: Sendable, Identifiable, JSONBackedModel {
    public var id: Int64
    public var productId: Int64
    public var submissionId: Int64
    public var name: String?
    public var destination: ShippingDestination?
    public var publishingSpecifications: PublishingSpecifications?
    public var recipientSpecifications: RecipientSpecifications?
    public var targeting: Targeting?
    public var workflowStatus: WorkflowStatus?
    public var links: [Link]?
    public var json: JSONValue

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, productId, submissionId, name, destination, publishingSpecifications
        case recipientSpecifications, targeting, workflowStatus, links
    }

    public init(from decoder: Decoder) throws {
        json = try JSONValue(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeID(forKey: .id)
        productId = try c.decodeIDIfPresent(forKey: .productId) ?? 0
        submissionId = try c.decodeIDIfPresent(forKey: .submissionId) ?? 0
        name = try c.decodeIfPresent(String.self, forKey: .name)
        destination = try c.decodeIfPresent(ShippingDestination.self, forKey: .destination)
        publishingSpecifications = try c.decodeIfPresent(PublishingSpecifications.self, forKey: .publishingSpecifications)
        // An object in every sample; "array of objects" in the documentation's table.
        if let one = try? c.decodeIfPresent(RecipientSpecifications.self, forKey: .recipientSpecifications) {
            recipientSpecifications = one
        } else {
            recipientSpecifications = try c.decodeIfPresent([RecipientSpecifications].self, forKey: .recipientSpecifications)?.first
        }
        targeting = try c.decodeIfPresent(Targeting.self, forKey: .targeting)
        workflowStatus = try c.decodeIfPresent(WorkflowStatus.self, forKey: .workflowStatus)
        if case .integer(let step)? = json["workflowStatus"]?["currentStep"] {
            workflowStatus?.currentStep = WorkflowStep(rawValue: String(step))
        }
        links = try c.decodeArrayLeavingOutUnreadable(Link.self, forKey: .links, notes: decoder)
    }

    public func encode(to encoder: Encoder) throws { try encodeKeepingJSON(to: encoder) }

    func encodeModelledFields(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(productId, forKey: .productId)
        try c.encode(submissionId, forKey: .submissionId)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(destination, forKey: .destination)
        try c.encodeIfPresent(publishingSpecifications, forKey: .publishingSpecifications)
        try c.encodeIfPresent(recipientSpecifications, forKey: .recipientSpecifications)
        try c.encodeIfPresent(targeting, forKey: .targeting)
        try c.encodeIfPresent(workflowStatus, forKey: .workflowStatus)
        try c.encodeIfPresent(links, forKey: .links)
    }

    /// The label steps, in order, for each destination.
    public static let windowsUpdateSteps: [WorkflowStep] = [
        "created", "preProcessShippingLabel", "finalizePreProcessing", "publishJobValidation",
        "updateGeneration", .microsoftApproval, "publishing", "finalizePublishing",
    ]
    public static let sharingSteps: [WorkflowStep] = [
        "created", "preProcessShippingLabel", "finalizePreProcessing", "publishJobValidation",
        "processSharing", "finalizeSharing",
    ]
    /// Every step a label may report: both walks, and `SharingExpiration`, where a label shared
    /// with a partner ends when the sharing lapses.
    public static let knownSteps: [WorkflowStep] = windowsUpdateSteps
        + sharingSteps.filter { !windowsUpdateSteps.contains($0) } + [.sharingExpiration]
}

extension WorkflowStep {
    /// The label step at which Microsoft reviews a Windows Update label; release engineers
    /// treat it completed as the label being ready (publishing can take weeks after it).
    public static let microsoftApproval: WorkflowStep = "microsoftApproval"
    /// The label step reached when a label's sharing with a partner expires.
    public static let sharingExpiration: WorkflowStep = "SharingExpiration"
}

/// `publishingSpecifications` of a shipping label.
public struct PublishingSpecifications: Codable, Sendable, Hashable {
    public var goLiveDate: String?
    public var visibleToAccounts: [Int64]?
    public var isAutoInstallDuringOSUpgrade: Bool?
    public var isAutoInstallOnApplicableSystems: Bool?
    public var isDisclosureRestricted: Bool?
    public var publishToWindows10s: Bool?
    public var manualAcquisition: Bool?
    public var additionalInfoForMsApproval: AdditionalInfoForMsApproval?

    public init(
        goLiveDate: String? = nil, visibleToAccounts: [Int64]? = nil, isAutoInstallDuringOSUpgrade: Bool? = nil,
        isAutoInstallOnApplicableSystems: Bool? = nil, isDisclosureRestricted: Bool? = nil,
        publishToWindows10s: Bool? = nil, manualAcquisition: Bool? = nil,
        additionalInfoForMsApproval: AdditionalInfoForMsApproval? = nil
    ) {
        self.goLiveDate = goLiveDate
        self.visibleToAccounts = visibleToAccounts
        self.isAutoInstallDuringOSUpgrade = isAutoInstallDuringOSUpgrade
        self.isAutoInstallOnApplicableSystems = isAutoInstallOnApplicableSystems
        self.isDisclosureRestricted = isDisclosureRestricted
        self.publishToWindows10s = publishToWindows10s
        self.manualAcquisition = manualAcquisition
        self.additionalInfoForMsApproval = additionalInfoForMsApproval
    }

    enum CodingKeys: String, CodingKey {
        case goLiveDate, visibleToAccounts, isAutoInstallDuringOSUpgrade, isAutoInstallOnApplicableSystems
        case isDisclosureRestricted, publishToWindows10s, manualAcquisition, additionalInfoForMsApproval
    }

    /// ``goLiveDate`` read as a date (any fraction of a second; no zone means UTC). Absent, the
    /// label publishes as soon as it can.
    public var goLiveDateValue: Date? { goLiveDate.flatMap(ServiceDate.parse) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        goLiveDate = try c.decodeIfPresent(String.self, forKey: .goLiveDate)
        visibleToAccounts = try c.decodeIDsIfPresent(forKey: .visibleToAccounts)
        isAutoInstallDuringOSUpgrade = try c.decodeIfPresent(Bool.self, forKey: .isAutoInstallDuringOSUpgrade)
        isAutoInstallOnApplicableSystems = try c.decodeIfPresent(Bool.self, forKey: .isAutoInstallOnApplicableSystems)
        isDisclosureRestricted = try c.decodeIfPresent(Bool.self, forKey: .isDisclosureRestricted)
        publishToWindows10s = try c.decodeIfPresent(Bool.self, forKey: .publishToWindows10s)
        manualAcquisition = try c.decodeIfPresent(Bool.self, forKey: .manualAcquisition)
        additionalInfoForMsApproval = try c.decodeIfPresent(
            AdditionalInfoForMsApproval.self, forKey: .additionalInfoForMsApproval)
    }
}

/// What Microsoft reviews before a label publishes to Windows Update.
public struct AdditionalInfoForMsApproval: Codable, Sendable, Hashable {
    public var microsoftContact: String?
    public var validationsPerformed: String?
    public var affectedOems: [String]?
    public var isRebootRequired: Bool?
    public var isCoEngineered: Bool?
    public var isForUnreleasedHardware: Bool?
    public var hasUiSoftware: Bool?
    public var businessJustification: String?

    public init(
        microsoftContact: String? = nil, validationsPerformed: String? = nil, affectedOems: [String]? = nil,
        isRebootRequired: Bool? = nil, isCoEngineered: Bool? = nil, isForUnreleasedHardware: Bool? = nil,
        hasUiSoftware: Bool? = nil, businessJustification: String? = nil
    ) {
        self.microsoftContact = microsoftContact
        self.validationsPerformed = validationsPerformed
        self.affectedOems = affectedOems
        self.isRebootRequired = isRebootRequired
        self.isCoEngineered = isCoEngineered
        self.isForUnreleasedHardware = isForUnreleasedHardware
        self.hasUiSoftware = hasUiSoftware
        self.businessJustification = businessJustification
    }
}

/// `recipientSpecifications`: the partner a label shares the driver with, and what it may do
/// with it. `enforceChidTargeting` and `blockDuaCreation` may be changed by a PATCH.
public struct RecipientSpecifications: Codable, Sendable, Hashable {
    public var receiverPublisherId: String?
    public var enforceChidTargeting: Bool?
    public var blockDuaCreation: Bool?

    public init(receiverPublisherId: String? = nil, enforceChidTargeting: Bool? = nil, blockDuaCreation: Bool? = nil) {
        self.receiverPublisherId = receiverPublisherId
        self.enforceChidTargeting = enforceChidTargeting
        self.blockDuaCreation = blockDuaCreation
    }
}

/// `targeting` of a shipping label: which hardware the driver is offered to. In a PATCH it
/// also carries the `businessJustification` for the change.
public struct Targeting: Codable, Sendable, Hashable {
    public var hardwareIds: [HardwareIDTarget]?
    public var chids: [CHIDTarget]?
    public var restrictedToAudiences: [String]?
    public var inServicePublishInfo: InServicePublishInfo?
    public var coEngDriverPublishInfo: CoEngDriverPublishInfo?
    /// Why the change of a PATCH should be approved.
    public var businessJustification: String?

    public init(
        hardwareIds: [HardwareIDTarget]? = nil, chids: [CHIDTarget]? = nil, restrictedToAudiences: [String]? = nil,
        inServicePublishInfo: InServicePublishInfo? = nil, coEngDriverPublishInfo: CoEngDriverPublishInfo? = nil,
        businessJustification: String? = nil
    ) {
        self.hardwareIds = hardwareIds
        self.chids = chids
        self.restrictedToAudiences = restrictedToAudiences
        self.inServicePublishInfo = inServicePublishInfo
        self.coEngDriverPublishInfo = coEngDriverPublishInfo
        self.businessJustification = businessJustification
    }
}

/// One hardware ID a label targets; it must come from the submission's driver metadata.
/// In a PATCH body, ``action`` is `add` or `remove`.
public struct HardwareIDTarget: Codable, Sendable, Hashable {
    public var bundleId: String
    public var infId: String
    public var operatingSystemCode: String
    public var pnpString: String
    public var distributionState: DistributionState?
    public var action: String?

    public init(
        bundleId: String, infId: String, operatingSystemCode: String, pnpString: String,
        distributionState: DistributionState? = nil, action: String? = nil
    ) {
        self.bundleId = bundleId
        self.infId = infId
        self.operatingSystemCode = operatingSystemCode
        self.pnpString = pnpString
        self.distributionState = distributionState
        self.action = action
    }
}

/// One computer hardware ID (CHID) a label targets. In a PATCH body, ``action`` is `add` or `remove`.
public struct CHIDTarget: Codable, Sendable, Hashable {
    public var chid: String
    public var distributionState: DistributionState?
    public var action: String?

    public init(chid: String, distributionState: DistributionState? = nil, action: String? = nil) {
        self.chid = chid
        self.distributionState = distributionState
        self.action = action
    }
}

/// The Windows releases an in-service driver is offered to (for example `RS1` to `RS3`).
public struct InServicePublishInfo: Codable, Sendable, Hashable {
    public var flooring: String?
    public var ceiling: String?

    public init(flooring: String? = nil, ceiling: String? = nil) {
        self.flooring = flooring
        self.ceiling = ceiling
    }
}

/// The Windows builds a co-engineered driver is offered to. The build numbers arrive as
/// numbers or as numeric strings.
public struct CoEngDriverPublishInfo: Codable, Sendable, Hashable {
    public var flooringBuildNumber: Int?
    public var ceilingBuildNumber: Int?

    public init(flooringBuildNumber: Int? = nil, ceilingBuildNumber: Int? = nil) {
        self.flooringBuildNumber = flooringBuildNumber
        self.ceilingBuildNumber = ceilingBuildNumber
    }

    enum CodingKeys: String, CodingKey { case flooringBuildNumber, ceilingBuildNumber }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        flooringBuildNumber = try c.decodeIntegerIfPresent(forKey: .flooringBuildNumber)
        ceilingBuildNumber = try c.decodeIntegerIfPresent(forKey: .ceilingBuildNumber)
    }
}
