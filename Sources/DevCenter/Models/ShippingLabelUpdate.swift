/// The body of `PATCH …/shippingLabels/{id}`: in `targeting`, hardware IDs and CHIDs to add or
/// remove (each with `action`), audiences, the in-service range and the business justification
/// for the change; and for a label shared with a partner, `recipientSpecifications`
/// (`enforceChidTargeting`, `blockDuaCreation`).
public struct ShippingLabelUpdate: Codable, Sendable, Hashable {
    public var targeting: Targeting?
    public var recipientSpecifications: RecipientSpecifications?

    /// - Parameter businessJustification: sent inside `targeting`, where the service reads it.
    public init(
        targeting: Targeting? = nil, businessJustification: String? = nil,
        recipientSpecifications: RecipientSpecifications? = nil
    ) {
        var targeting = targeting
        if let businessJustification {
            targeting = targeting ?? Targeting()
            targeting?.businessJustification = businessJustification
        }
        self.targeting = targeting
        self.recipientSpecifications = recipientSpecifications
    }

    /// The justification, which travels inside ``targeting``.
    public var businessJustification: String? { targeting?.businessJustification }

    /// The fields a label PATCH may carry.
    public static let mutableFields: Set<String> = ["targeting", "recipientSpecifications"]

    enum CodingKeys: String, CodingKey { case targeting, recipientSpecifications, businessJustification }

    /// Reads a top-level `businessJustification` too (older bodies put it there) into ``targeting``.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            targeting: try c.decodeIfPresent(Targeting.self, forKey: .targeting),
            businessJustification: nil,
            recipientSpecifications: try c.decodeIfPresent(RecipientSpecifications.self, forKey: .recipientSpecifications))
        if targeting?.businessJustification == nil,
            let justification = try c.decodeIfPresent(String.self, forKey: .businessJustification)
        {
            targeting = targeting ?? Targeting()
            targeting?.businessJustification = justification
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(targeting, forKey: .targeting)
        try c.encodeIfPresent(recipientSpecifications, forKey: .recipientSpecifications)
    }
}
