/// The body of `POST …/shippingLabels`.
public struct NewShippingLabel: Sendable, PassThroughRequest {
    public var name: String
    public var destination: ShippingDestination
    public var publishingSpecifications: PublishingSpecifications?
    public var recipientSpecifications: RecipientSpecifications?
    public var targeting: Targeting
    public var additionalFields: [String: JSONValue]

    public init(
        name: String, destination: ShippingDestination = .windowsUpdate,
        publishingSpecifications: PublishingSpecifications? = nil,
        recipientSpecifications: RecipientSpecifications? = nil, targeting: Targeting,
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.destination = destination
        self.publishingSpecifications = publishingSpecifications
        self.recipientSpecifications = recipientSpecifications
        self.targeting = targeting
        self.additionalFields = additionalFields
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, destination, publishingSpecifications, recipientSpecifications, targeting
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        destination = try c.decodeIfPresent(ShippingDestination.self, forKey: .destination) ?? .windowsUpdate
        publishingSpecifications = try c.decodeIfPresent(PublishingSpecifications.self, forKey: .publishingSpecifications)
        // An object in every sample; "array of objects" in the documentation's table.
        if let one = try? c.decodeIfPresent(RecipientSpecifications.self, forKey: .recipientSpecifications) {
            recipientSpecifications = one
        } else {
            recipientSpecifications = try c.decodeIfPresent([RecipientSpecifications].self, forKey: .recipientSpecifications)?.first
        }
        targeting = try c.decodeIfPresent(Targeting.self, forKey: .targeting) ?? Targeting()
        additionalFields = try Self.decodeAdditionalFields(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        try encodeAdditionalFields(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(destination, forKey: .destination)
        try c.encodeIfPresent(publishingSpecifications, forKey: .publishingSpecifications)
        try c.encodeIfPresent(recipientSpecifications, forKey: .recipientSpecifications)
        try c.encode(targeting, forKey: .targeting)
    }
}
