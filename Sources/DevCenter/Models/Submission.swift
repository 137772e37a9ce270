/// A driver submission as the service returns it.
///
/// Items of a submissions list may lack ``workflowStatus`` and ``downloads``: fetch the single
/// submission for those.
public struct Submission: Sendable, Identifiable, JSONBackedModel {
    public var id: Int64
    public var productId: Int64
    public var name: String?
    public var type: SubmissionType?
    public var commitStatus: CommitStatus?
    public var isExtensionInf: Bool?
    public var isUniversal: Bool?
    public var isDeclarativeInf: Bool?
    public var workflowStatus: WorkflowStatus?
    public var downloads: Downloads?
    public var links: [Link]?
    public var json: JSONValue

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, productId, name, type, commitStatus, isExtensionInf, isUniversal, isDeclarativeInf
        case workflowStatus, downloads, links
    }

    public init(from decoder: Decoder) throws {
        json = try JSONValue(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeID(forKey: .id)
        productId = try c.decodeIDIfPresent(forKey: .productId) ?? 0
        name = try c.decodeIfPresent(String.self, forKey: .name)
        type = try c.decodeIfPresent(SubmissionType.self, forKey: .type)
        commitStatus = try c.decodeIfPresent(CommitStatus.self, forKey: .commitStatus)
        isExtensionInf = try c.decodeIfPresent(Bool.self, forKey: .isExtensionInf)
        isUniversal = try c.decodeIfPresent(Bool.self, forKey: .isUniversal)
        isDeclarativeInf = try c.decodeIfPresent(Bool.self, forKey: .isDeclarativeInf)
        workflowStatus = try c.decodeIfPresent(WorkflowStatus.self, forKey: .workflowStatus)
        downloads = try c.decodeIfPresent(Downloads.self, forKey: .downloads)
        links = try c.decodeArrayLeavingOutUnreadable(Link.self, forKey: .links, notes: decoder)
    }

    public func encode(to encoder: Encoder) throws { try encodeKeepingJSON(to: encoder) }

    func encodeModelledFields(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(productId, forKey: .productId)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(commitStatus, forKey: .commitStatus)
        try c.encodeIfPresent(isExtensionInf, forKey: .isExtensionInf)
        try c.encodeIfPresent(isUniversal, forKey: .isUniversal)
        try c.encodeIfPresent(isDeclarativeInf, forKey: .isDeclarativeInf)
        try c.encodeIfPresent(workflowStatus, forKey: .workflowStatus)
        try c.encodeIfPresent(downloads, forKey: .downloads)
        try c.encodeIfPresent(links, forKey: .links)
    }

    /// The URL of the first download of `type`, if the service has produced one: a download
    /// item of that `type`, else a link whose `rel` names it (the service may list
    /// `driverMetadata` among the `links`), both compared without case. An empty URL is none.
    ///
    /// For ``DownloadType/errorReport``, the error report of a failed submission
    /// (`workflowStatus.errorReport`).
    public func downloadURL(_ type: DownloadType) -> String? {
        let item = downloads?.items.first { $0.type == type && !$0.url.trimmingSpaces.isEmpty }?.url
            ?? links?.first { DownloadType(rawValue: $0.rel) == type && !$0.href.trimmingSpaces.isEmpty }?.href
        if type == .errorReport { return item ?? workflowStatus?.errorReport }
        return item
    }

    /// Where the package goes: the `initialPackage` (or, for a derived submission, `derivedPackage`) URL.
    public var uploadURL: String? { downloadURL(.initialPackage) ?? downloadURL(.derivedPackage) }
}

/// `workflowStatus` of a submission or shipping label. `state` describes ``currentStep`` only.
public struct WorkflowStatus: Codable, Sendable, Hashable {
    public var currentStep: WorkflowStep?
    public var state: WorkflowState?
    public var messages: [String]
    /// A URL to a text report, present on some failures (the service writes `""` for none,
    /// which reads as `nil`).
    public var errorReport: String?

    public init(currentStep: WorkflowStep?, state: WorkflowState?, messages: [String] = [], errorReport: String? = nil) {
        self.currentStep = currentStep
        self.state = state
        self.messages = messages
        self.errorReport = errorReport
    }

    enum CodingKeys: String, CodingKey { case currentStep, state, messages, errorReport }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        currentStep = try c.decodeIfPresent(WorkflowStep.self, forKey: .currentStep)
        state = try c.decodeIfPresent(WorkflowState.self, forKey: .state)
        messages = try c.decodeMessagesIfPresent(forKey: .messages)
        errorReport = try c.decodeURLIfPresent(forKey: .errorReport)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(currentStep, forKey: .currentStep)
        try c.encodeIfPresent(state, forKey: .state)
        try c.encode(messages, forKey: .messages)
        try c.encodeIfPresent(errorReport, forKey: .errorReport)
    }
}

/// `downloads` of a submission: SAS URLs of packages and reports. An item whose `url` (or
/// `type`) is null is left out, with a note for the debug log.
public struct Downloads: Codable, Sendable, Hashable {
    public var items: [DownloadItem]
    public var messages: [String]

    public init(items: [DownloadItem], messages: [String] = []) {
        self.items = items
        self.messages = messages
    }

    enum CodingKeys: String, CodingKey { case items, messages }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        items = try c.decodeArrayLeavingOutUnreadable(DownloadItem.self, forKey: .items, notes: decoder) ?? []
        messages = try c.decodeMessagesIfPresent(forKey: .messages)
    }
}

/// One download: its kind and its URL, usually a SAS URL whose `sig` is a secret (the
/// `certificationReport` is a page of the dashboard instead). An empty URL means none.
public struct DownloadItem: Codable, Sendable, Hashable {
    public var type: DownloadType
    public var url: String

    public init(type: DownloadType, url: String) {
        self.type = type
        self.url = url
    }
}

/// The body of `POST /products/{id}/submissions`.
public struct NewSubmission: Sendable, PassThroughRequest {
    public var name: String
    public var type: SubmissionType
    public var additionalFields: [String: JSONValue]

    public init(name: String, type: SubmissionType = .initial, additionalFields: [String: JSONValue] = [:]) {
        self.name = name
        self.type = type
        self.additionalFields = additionalFields
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, type }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decodeIfPresent(SubmissionType.self, forKey: .type) ?? .initial
        additionalFields = try Self.decodeAdditionalFields(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        try encodeAdditionalFields(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
    }
}

/// The body of `PATCH /products/{id}/submissions/{id}`: only `name` may change.
public struct SubmissionUpdate: Codable, Sendable, Hashable {
    public var name: String

    public init(name: String) { self.name = name }

    public static let mutableFields: Set<String> = ["name"]
}
