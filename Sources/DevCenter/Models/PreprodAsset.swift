/// A file the service made from a pre-production package (`GET /preprod/packages/{id}/assets`):
/// today only the signed package, `assetType` `SignedFilesZip`.
public struct PreprodAsset: Sendable, Hashable, Identifiable, JSONBackedModel {
    /// The asset type of the package Microsoft signed, the one the documentation names.
    public static let signedFilesZip = "SignedFilesZip"

    public var id: String
    public var packageId: String?
    public var assetType: String?
    public var createdDate: String?
    /// SHA-256 of the asset's content, as the service writes it.
    public var contentHash: String?
    public var json: JSONValue

    enum CodingKeys: String, CodingKey, CaseIterable { case id, packageId, assetType, createdDate, contentHash }

    public init(from decoder: Decoder) throws {
        json = try JSONValue(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeStringID(forKey: .id)
        packageId = try? c.decodeStringID(forKey: .packageId)
        assetType = try c.decodeIfPresent(String.self, forKey: .assetType)
        createdDate = try c.decodeIfPresent(String.self, forKey: .createdDate)
        contentHash = try c.decodeIfPresent(String.self, forKey: .contentHash)
    }

    public func encode(to encoder: Encoder) throws { try encodeKeepingJSON(to: encoder) }

    func encodeModelledFields(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(packageId, forKey: .packageId)
        try c.encodeIfPresent(assetType, forKey: .assetType)
        try c.encodeIfPresent(createdDate, forKey: .createdDate)
        try c.encodeIfPresent(contentHash, forKey: .contentHash)
    }
}

extension KeyedDecodingContainer {
    /// An identifier the documentation types as a string; a number is taken as its digits.
    func decodeStringID(forKey key: Key) throws -> String {
        if let text = try? decode(String.self, forKey: key) { return text }
        return String(try decodeID(forKey: key))
    }
}
