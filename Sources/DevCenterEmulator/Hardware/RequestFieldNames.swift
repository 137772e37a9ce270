import DevCenter

/// The field names a request body may carry, nested, for matching them as the service does:
/// without case (its documentation's own sample sends `ProductName`). Keys that name a known
/// field in another case are rewritten to the documented spelling before the body is checked;
/// unknown keys are left as they are.
struct RequestFieldNames: Sendable {
    /// Each known field, and the names inside it (for an object, or each object of an array).
    let fields: [String: RequestFieldNames]

    init(_ fields: [String: RequestFieldNames] = [:]) { self.fields = fields }

    /// Fields with no known names inside.
    init(leaves: [String], nested: [String: RequestFieldNames] = [:]) {
        var fields = nested
        for name in leaves where fields[name] == nil { fields[name] = RequestFieldNames() }
        self.fields = fields
    }

    /// `body` with known field names in their documented spelling, at every level; a field
    /// given twice in different cases is refused (`400 invalidInput`).
    func canonical(_ body: [String: JSONValue], path: String = "") throws(HTTPFailure) -> [String: JSONValue] {
        guard !fields.isEmpty else { return body }
        let named: [String: JSONValue]
        do {
            named = try FieldNameMatching.canonical(body, fields: fields.keys)
        } catch {
            throw .invalidInput(path.isEmpty ? error.name : "\(path).\(error.name)",
                                "is given twice, as \(error.first) and \(error.second); field names are matched without case")
        }
        var out: [String: JSONValue] = [:]
        for (name, value) in named {
            out[name] = try fields[name]?.canonical(value, path: path.isEmpty ? name : "\(path).\(name)") ?? value
        }
        return out
    }

    private func canonical(_ value: JSONValue, path: String) throws(HTTPFailure) -> JSONValue {
        switch value {
        case .object(let members): return .object(try canonical(members, path: path))
        case .array(let items):
            var out: [JSONValue] = []
            for (i, item) in items.enumerated() { out.append(try canonical(item, path: "\(path)[\(i)]")) }
            return .array(out)
        default: return value
        }
    }
}

extension RequestFieldNames {
    static let newProduct = RequestFieldNames(
        leaves: [
            "productName", "testHarness", "deviceType", "requestedSignatures", "selectedProductTypes", "announcementDate",
            "firmwareVersion", "marketingNames", "deviceMetadataIds", "deviceMetadataCategory", "isTestSign",
            "isFlightSign", "isExtensionInf", "id", "sharedProductId", "links", "isCommitted",
        ],
        nested: ["additionalAttributes": RequestFieldNames(leaves: HardwareService.knownAdditionalAttributes)])

    static let productUpdate = RequestFieldNames(leaves: Array(ProductUpdate.mutableFields))

    static let newSubmission = RequestFieldNames(leaves: ["name", "type"])

    static let submissionUpdate = RequestFieldNames(leaves: Array(SubmissionUpdate.mutableFields))

    static let recipientSpecifications = RequestFieldNames(
        leaves: ["receiverPublisherId", "enforceChidTargeting", "blockDuaCreation"])

    static let targeting = RequestFieldNames(
        leaves: ["restrictedToAudiences", "businessJustification"],
        nested: [
            "hardwareIds": RequestFieldNames(
                leaves: ["bundleId", "infId", "operatingSystemCode", "pnpString", "distributionState", "action"]),
            "chids": RequestFieldNames(leaves: ["chid", "distributionState", "action"]),
            "inServicePublishInfo": RequestFieldNames(leaves: ["flooring", "ceiling"]),
            "coEngDriverPublishInfo": RequestFieldNames(leaves: ["flooringBuildNumber", "ceilingBuildNumber"]),
        ])

    static let newShippingLabel = RequestFieldNames(
        leaves: ["name", "destination"],
        nested: [
            "publishingSpecifications": RequestFieldNames(
                leaves: [
                    "goLiveDate", "visibleToAccounts", "isAutoInstallDuringOSUpgrade", "isAutoInstallOnApplicableSystems",
                    "isDisclosureRestricted", "publishToWindows10s", "manualAcquisition",
                ],
                nested: ["additionalInfoForMsApproval": RequestFieldNames(leaves: [
                    "microsoftContact", "validationsPerformed", "affectedOems", "isRebootRequired", "isCoEngineered",
                    "isForUnreleasedHardware", "hasUiSoftware", "businessJustification",
                ])]),
            "recipientSpecifications": recipientSpecifications,
            "targeting": targeting,
        ])

    static let shippingLabelUpdate = RequestFieldNames(
        leaves: ["businessJustification"],
        nested: ["targeting": targeting, "recipientSpecifications": recipientSpecifications])
}
