/// A driver package sent for pre-production signing (`PUT /preprod/packages/`), as
/// `GET /preprod/packages/{id}` answers it.
public struct PreprodPackage: Sendable, Hashable, Identifiable, JSONBackedModel {
    public var id: String
    public var etag: String?
    public var lastModified: String?
    public var signingStatus: PreprodSigningStatus?
    /// `error.message`: why signing failed (the service may send the object with an empty message).
    public var errorMessage: String?
    /// The assets, when the answer lists them (the package's own GET may; the assets list does).
    public var assets: [PreprodAsset]?
    public var json: JSONValue

    enum CodingKeys: String, CodingKey, CaseIterable { case id, etag, lastModified, signingStatus, error, assets }
    private enum ErrorKeys: String, CodingKey { case message }

    public init(from decoder: Decoder) throws {
        json = try JSONValue(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeStringID(forKey: .id)
        etag = try? c.decodeIfPresent(String.self, forKey: .etag)
        lastModified = try c.decodeIfPresent(String.self, forKey: .lastModified)
        signingStatus = try c.decodeIfPresent(PreprodSigningStatus.self, forKey: .signingStatus)
        if let error = try? c.nestedContainer(keyedBy: ErrorKeys.self, forKey: .error),
            let message = try? error.decodeIfPresent(String.self, forKey: .message), !message.trimmingSpaces.isEmpty {
            errorMessage = message
        } else if let message = try? c.decodeIfPresent(String.self, forKey: .error), !message.trimmingSpaces.isEmpty {
            errorMessage = message
        }
        assets = try? c.decodeIfPresent([PreprodAsset].self, forKey: .assets)
    }

    public func encode(to encoder: Encoder) throws { try encodeKeepingJSON(to: encoder) }

    func encodeModelledFields(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(signingStatus, forKey: .signingStatus)
    }

    /// Where signing stands: `Succeeded` is done, `Failed` (with the service's message) failed,
    /// anything else (`NotStarted`, `Processing`, a value not documented) is progress.
    public var progress: SubmissionProgress {
        if signingStatus == .succeeded { return .succeeded }
        if signingStatus == .failed {
            return .failed(step: Self.signingStep, messages: [errorMessage ?? "The service failed the package without a message."], errorReport: nil)
        }
        return .inProgress
    }

    /// The step a package's changes are reported under: it has only its signing status.
    public static let signingStep: WorkflowStep = "preprodSigning"
}
