/// The request bodies scripts pass, as the service documents them (HARDWARE_API.md §3 and its
/// corrections). Field names match without case, as at the service (`ProductName` is
/// `productName`), and are sent as documented.
enum RequestShapes {
    static let strings = RequestShape.array(.string)

    static let newProduct = RequestShape.object(
        [
            "productName": .string, "testHarness": .string, "deviceType": .string, "requestedSignatures": strings,
            "selectedProductTypes": .map(.string), "announcementDate": .string, "firmwareVersion": .string,
            "deviceMetadataIds": strings, "marketingNames": strings, "isTestSign": .boolean, "isFlightSign": .boolean,
            "isExtensionInf": .boolean, "additionalAttributes": .object([:]),
        ],
        required: ["productName", "requestedSignatures"],
        // What NewProduct sends when they are not given.
        defaults: [
            "testHarness": "Attestation", "deviceType": "external", "selectedProductTypes": [:], "deviceMetadataIds": [],
            "marketingNames": [], "isTestSign": false, "isFlightSign": false, "isExtensionInf": false,
        ])

    static let productUpdate = RequestShape.object(["productName": .string, "marketingNames": strings, "announcementDate": .string])

    static let newSubmission = RequestShape.object(["name": .string, "type": .string], required: ["name"], defaults: ["type": "initial"])

    static let submissionUpdate = RequestShape.object(["name": .string], required: ["name"])

    static let hardwareID = RequestShape.object(
        [
            "bundleId": .string, "infId": .string, "operatingSystemCode": .string, "pnpString": .string,
            "distributionState": .string, "action": .string,
        ],
        required: ["bundleId", "infId", "operatingSystemCode", "pnpString"])

    static let targeting = RequestShape.object([
        "hardwareIds": .array(hardwareID),
        "chids": .array(.object(["chid": .string, "distributionState": .string, "action": .string], required: ["chid"])),
        "restrictedToAudiences": strings,
        "inServicePublishInfo": .object(["flooring": .string, "ceiling": .string]),
        // A number or a numeric string, as the service sends it.
        "coEngDriverPublishInfo": .object(["flooringBuildNumber": .any, "ceilingBuildNumber": .any]),
        "businessJustification": .string,
    ])

    static let recipientSpecifications = RequestShape.object([
        "receiverPublisherId": .string, "enforceChidTargeting": .boolean, "blockDuaCreation": .boolean,
    ])

    static let newShippingLabel = RequestShape.object(
        [
            "name": .string, "destination": .string,
            "publishingSpecifications": .object([
                "goLiveDate": .string, "visibleToAccounts": .array(.integer), "isAutoInstallDuringOSUpgrade": .boolean,
                "isAutoInstallOnApplicableSystems": .boolean, "isDisclosureRestricted": .boolean,
                "publishToWindows10s": .boolean, "manualAcquisition": .boolean,
                "additionalInfoForMsApproval": .object([
                    "microsoftContact": .string, "validationsPerformed": .string, "affectedOems": strings,
                    "isRebootRequired": .boolean, "isCoEngineered": .boolean, "isForUnreleasedHardware": .boolean,
                    "hasUiSoftware": .boolean, "businessJustification": .string,
                ]),
            ]),
            "recipientSpecifications": recipientSpecifications,
            "targeting": targeting,
        ],
        required: ["name"],
        defaults: ["destination": "windowsUpdate", "targeting": [:]])

    /// `businessJustification` belongs in `targeting`; given at the top level (as older
    /// scripts do), `update_shipping_label` moves it there.
    static let shippingLabelUpdate = RequestShape.object([
        "targeting": targeting, "recipientSpecifications": recipientSpecifications, "businessJustification": .string,
    ])
}
