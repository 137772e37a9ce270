#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A hardware product as the service returns it.
///
/// Besides the core fields, the service sends who created and last changed it and when, its
/// origin (`originType`, and for a product shared with you `sourceProductId` and
/// `sourcePublisherId`), and more; every field received is kept in ``json``.
public struct Product: Sendable, Identifiable, JSONBackedModel {
    public var id: Int64
    public var sharedProductId: Int64?
    public var productName: String?
    public var isCommitted: Bool?
    public var isExtensionInf: Bool?
    public var isTestSign: Bool?
    public var isFlightSign: Bool?
    public var deviceType: DeviceType?
    public var testHarness: TestHarness?
    public var deviceMetadataIds: [String]?
    public var marketingNames: [String]?
    public var selectedProductTypes: [String: String]?
    public var requestedSignatures: [String]?
    public var additionalAttributes: JSONValue?
    /// As sent; ``announcementDateValue`` reads it.
    public var announcementDate: String?
    public var firmwareVersion: String?
    public var productType: String?
    public var deviceMetadataCategory: String?
    public var isRetpolineCompiled: Bool?
    /// `author` for your own products; other values for products shared with you.
    public var originType: String?
    /// For a product shared with you, the product and publisher it came from (0 otherwise).
    public var sourceProductId: Int64?
    public var sourcePublisherId: Int64?
    public var createdBy: String?
    public var updatedBy: String?
    /// As sent; ``createdDateTimeValue`` reads it.
    public var createdDateTime: String?
    /// As sent; ``updatedDateTimeValue`` reads it.
    public var updatedDateTime: String?
    public var links: [Link]?
    public var json: JSONValue

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, sharedProductId, productName, isCommitted, isExtensionInf, isTestSign, isFlightSign
        case deviceType, testHarness, deviceMetadataIds, marketingNames, selectedProductTypes
        case requestedSignatures, additionalAttributes, announcementDate, firmwareVersion, productType
        case deviceMetadataCategory, isRetpolineCompiled, originType, sourceProductId, sourcePublisherId
        case createdBy, updatedBy, createdDateTime, updatedDateTime, links
    }

    public init(from decoder: Decoder) throws {
        json = try JSONValue(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeID(forKey: .id)
        sharedProductId = try c.decodeIDIfPresent(forKey: .sharedProductId)
        productName = try c.decodeIfPresent(String.self, forKey: .productName)
        isCommitted = try c.decodeIfPresent(Bool.self, forKey: .isCommitted)
        isExtensionInf = try c.decodeIfPresent(Bool.self, forKey: .isExtensionInf)
        isTestSign = try c.decodeIfPresent(Bool.self, forKey: .isTestSign)
        isFlightSign = try c.decodeIfPresent(Bool.self, forKey: .isFlightSign)
        deviceType = try c.decodeIfPresent(DeviceType.self, forKey: .deviceType)
        testHarness = try c.decodeIfPresent(TestHarness.self, forKey: .testHarness)
        deviceMetadataIds = try c.decodeIfPresent([String].self, forKey: .deviceMetadataIds)
        marketingNames = try c.decodeIfPresent([String].self, forKey: .marketingNames)
        selectedProductTypes = try c.decodeIfPresent([String: String].self, forKey: .selectedProductTypes)
        requestedSignatures = try c.decodeIfPresent([String].self, forKey: .requestedSignatures)
        additionalAttributes = try c.decodeIfPresent(JSONValue.self, forKey: .additionalAttributes)
        announcementDate = try c.decodeIfPresent(String.self, forKey: .announcementDate)
        firmwareVersion = try c.decodeIfPresent(String.self, forKey: .firmwareVersion)
        productType = try c.decodeIfPresent(String.self, forKey: .productType)
        deviceMetadataCategory = try c.decodeIfPresent(String.self, forKey: .deviceMetadataCategory)
        isRetpolineCompiled = try c.decodeIfPresent(Bool.self, forKey: .isRetpolineCompiled)
        originType = try c.decodeIfPresent(String.self, forKey: .originType)
        sourceProductId = try c.decodeIDIfPresent(forKey: .sourceProductId)
        sourcePublisherId = try c.decodeIDIfPresent(forKey: .sourcePublisherId)
        createdBy = try c.decodeIfPresent(String.self, forKey: .createdBy)
        updatedBy = try c.decodeIfPresent(String.self, forKey: .updatedBy)
        createdDateTime = try c.decodeIfPresent(String.self, forKey: .createdDateTime)
        updatedDateTime = try c.decodeIfPresent(String.self, forKey: .updatedDateTime)
        links = try c.decodeArrayLeavingOutUnreadable(Link.self, forKey: .links, notes: decoder)
    }

    public func encode(to encoder: Encoder) throws { try encodeKeepingJSON(to: encoder) }

    func encodeModelledFields(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(sharedProductId, forKey: .sharedProductId)
        try c.encodeIfPresent(productName, forKey: .productName)
        try c.encodeIfPresent(isCommitted, forKey: .isCommitted)
        try c.encodeIfPresent(isExtensionInf, forKey: .isExtensionInf)
        try c.encodeIfPresent(isTestSign, forKey: .isTestSign)
        try c.encodeIfPresent(isFlightSign, forKey: .isFlightSign)
        try c.encodeIfPresent(deviceType, forKey: .deviceType)
        try c.encodeIfPresent(testHarness, forKey: .testHarness)
        try c.encodeIfPresent(deviceMetadataIds, forKey: .deviceMetadataIds)
        try c.encodeIfPresent(marketingNames, forKey: .marketingNames)
        try c.encodeIfPresent(selectedProductTypes, forKey: .selectedProductTypes)
        try c.encodeIfPresent(requestedSignatures, forKey: .requestedSignatures)
        try c.encodeIfPresent(additionalAttributes, forKey: .additionalAttributes)
        try c.encodeIfPresent(announcementDate, forKey: .announcementDate)
        try c.encodeIfPresent(firmwareVersion, forKey: .firmwareVersion)
        try c.encodeIfPresent(productType, forKey: .productType)
        try c.encodeIfPresent(deviceMetadataCategory, forKey: .deviceMetadataCategory)
        try c.encodeIfPresent(isRetpolineCompiled, forKey: .isRetpolineCompiled)
        try c.encodeIfPresent(originType, forKey: .originType)
        try c.encodeIfPresent(sourceProductId, forKey: .sourceProductId)
        try c.encodeIfPresent(sourcePublisherId, forKey: .sourcePublisherId)
        try c.encodeIfPresent(createdBy, forKey: .createdBy)
        try c.encodeIfPresent(updatedBy, forKey: .updatedBy)
        try c.encodeIfPresent(createdDateTime, forKey: .createdDateTime)
        try c.encodeIfPresent(updatedDateTime, forKey: .updatedDateTime)
        try c.encodeIfPresent(links, forKey: .links)
    }

    /// ``announcementDate`` read as a date (any fraction of a second; no zone means UTC).
    public var announcementDateValue: Date? { announcementDate.flatMap(ServiceDate.parse) }
    /// ``createdDateTime`` read as a date.
    public var createdDateTimeValue: Date? { createdDateTime.flatMap(ServiceDate.parse) }
    /// ``updatedDateTime`` read as a date.
    public var updatedDateTimeValue: Date? { updatedDateTime.flatMap(ServiceDate.parse) }
}

/// The body of `POST /products`.
///
/// Fields the service adds after this library was written go in ``additionalFields`` and are sent as given.
public struct NewProduct: Sendable, PassThroughRequest {
    public var productName: String
    public var testHarness: TestHarness
    public var deviceType: DeviceType
    public var requestedSignatures: [String]
    public var selectedProductTypes: [String: String]
    public var announcementDate: String?
    public var firmwareVersion: String?
    public var deviceMetadataIds: [String]
    public var marketingNames: [String]
    public var isTestSign: Bool
    public var isFlightSign: Bool
    public var isExtensionInf: Bool
    public var additionalAttributes: JSONValue?
    public var additionalFields: [String: JSONValue]

    public init(
        productName: String, testHarness: TestHarness = .attestation, deviceType: DeviceType = .external,
        requestedSignatures: [String], selectedProductTypes: [String: String] = [:],
        announcementDate: String? = nil, firmwareVersion: String? = nil, deviceMetadataIds: [String] = [],
        marketingNames: [String] = [], isTestSign: Bool = false, isFlightSign: Bool = false,
        isExtensionInf: Bool = false, additionalAttributes: JSONValue? = nil,
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.productName = productName
        self.testHarness = testHarness
        self.deviceType = deviceType
        self.requestedSignatures = requestedSignatures
        self.selectedProductTypes = selectedProductTypes
        self.announcementDate = announcementDate
        self.firmwareVersion = firmwareVersion
        self.deviceMetadataIds = deviceMetadataIds
        self.marketingNames = marketingNames
        self.isTestSign = isTestSign
        self.isFlightSign = isFlightSign
        self.isExtensionInf = isExtensionInf
        self.additionalAttributes = additionalAttributes
        self.additionalFields = additionalFields
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case productName, testHarness, deviceType, requestedSignatures, selectedProductTypes, announcementDate
        case firmwareVersion, deviceMetadataIds, marketingNames, isTestSign, isFlightSign, isExtensionInf
        case additionalAttributes
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        productName = try c.decode(String.self, forKey: .productName)
        testHarness = try c.decodeIfPresent(TestHarness.self, forKey: .testHarness) ?? .attestation
        deviceType = try c.decodeIfPresent(DeviceType.self, forKey: .deviceType) ?? .external
        requestedSignatures = try c.decodeIfPresent([String].self, forKey: .requestedSignatures) ?? []
        selectedProductTypes = try c.decodeIfPresent([String: String].self, forKey: .selectedProductTypes) ?? [:]
        announcementDate = try c.decodeIfPresent(String.self, forKey: .announcementDate)
        firmwareVersion = try c.decodeIfPresent(String.self, forKey: .firmwareVersion)
        deviceMetadataIds = try c.decodeIfPresent([String].self, forKey: .deviceMetadataIds) ?? []
        marketingNames = try c.decodeIfPresent([String].self, forKey: .marketingNames) ?? []
        isTestSign = try c.decodeIfPresent(Bool.self, forKey: .isTestSign) ?? false
        isFlightSign = try c.decodeIfPresent(Bool.self, forKey: .isFlightSign) ?? false
        isExtensionInf = try c.decodeIfPresent(Bool.self, forKey: .isExtensionInf) ?? false
        additionalAttributes = try c.decodeIfPresent(JSONValue.self, forKey: .additionalAttributes)
        additionalFields = try Self.decodeAdditionalFields(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        try encodeAdditionalFields(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(productName, forKey: .productName)
        try c.encode(testHarness, forKey: .testHarness)
        try c.encode(deviceType, forKey: .deviceType)
        try c.encode(requestedSignatures, forKey: .requestedSignatures)
        try c.encode(selectedProductTypes, forKey: .selectedProductTypes)
        try c.encodeIfPresent(announcementDate, forKey: .announcementDate)
        try c.encodeIfPresent(firmwareVersion, forKey: .firmwareVersion)
        try c.encode(deviceMetadataIds, forKey: .deviceMetadataIds)
        try c.encode(marketingNames, forKey: .marketingNames)
        try c.encode(isTestSign, forKey: .isTestSign)
        try c.encode(isFlightSign, forKey: .isFlightSign)
        try c.encode(isExtensionInf, forKey: .isExtensionInf)
        try c.encodeIfPresent(additionalAttributes, forKey: .additionalAttributes)
    }
}

/// The body of `PATCH /products/{id}`: only these three fields may change.
public struct ProductUpdate: Codable, Sendable, Hashable {
    public var productName: String?
    public var marketingNames: [String]?
    public var announcementDate: String?

    public init(productName: String? = nil, marketingNames: [String]? = nil, announcementDate: String? = nil) {
        self.productName = productName
        self.marketingNames = marketingNames
        self.announcementDate = announcementDate
    }

    /// The field names a product PATCH may carry.
    public static let mutableFields: Set<String> = ["productName", "marketingNames", "announcementDate"]
}
