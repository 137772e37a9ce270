import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

/// The emulator's answers have the fields of the service's documented samples, with the same
/// JSON types (the values are the emulator's own): a shape comparison, not a copy.
@Suite("The emulator's answers have the shape of the documented samples")
struct FixtureShapeTests {
    /// Fails with every field of `fixture` that `answer` lacks or holds with another type.
    func expectShape(
        _ fixture: String, _ answer: JSONValue, ignoring: Set<String> = [], maps: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let differences = JSONShape.differences(expected: try ServiceFixtures.json(fixture), actual: answer, ignoring: ignoring, maps: maps)
        #expect(differences.isEmpty, "\(fixture): \(differences.joined(separator: "; "))\n\(answer.jsonText)", sourceLocation: sourceLocation)
    }

    @Test("products, submissions, commit, driver metadata, shipping labels, audiences and errors")
    func shapes() async throws {
        try await EmulatorHarness.with { h in
            var body = EmulatorHarness.validProduct
            if case .object(var members) = body {
                members["deviceMetadataCategory"] = "Input.Digitizer.Multitouch"
                body = .object(members)
            }
            let created = try await h.api(.POST, "/products", json: body)
            try expectShape("product-create-response.json", created.json, maps: ["selectedProductTypes"])
            let productID = try #require(created.json["id"]?.int64Value)
            let product = try await h.api(.GET, "/products/\(productID)").json
            try expectShape("product.json", product, maps: ["selectedProductTypes"])
            try expectShape("product-resource.json", product, maps: ["selectedProductTypes"])
            try expectShape("product-list.json", try await h.api(.GET, "/products").json, maps: ["value[].selectedProductTypes"])

            let new = try await h.api(.POST, "/products/\(productID)/submissions", json: try ServiceFixtures.json("submission-create-request.json"))
            try expectShape("submission-create-response.json", new.json)
            let submissionID = try #require(new.json["id"]?.int64Value)
            let upload = try #require(EmulatorHarness.downloadURL(new.json, "initialPackage"))
            #expect(try await h.putBlob(upload, try SampleDriverPackage.zip()).status == 201)
            let commit = try await h.api(.POST, "/products/\(productID)/submissions/\(submissionID)/commit")
            try expectShape("commit-response.json", commit.json)
            let done = try await h.waitForFinalState(productID, submissionID)
            try expectShape("submission.json", done)
            try expectShape("submission-resource.json", done)
            try expectShape("submission-list.json", try await h.api(.GET, "/products/\(productID)/submissions").json)

            let metadata = try await h.send(.GET, url: try #require(EmulatorHarness.downloadURL(done, "driverMetadata")))
            try expectShape(
                "driver-metadata.json", metadata.json,
                maps: ["BundleInfoMap", "BundleInfoMap.*.InfInfoMap", "BundleInfoMap.*.InfInfoMap.*.OSPnPInfoMap",
                       "BundleInfoMap.*.InfInfoMap.*.OSPnPInfoMap.*"])

            // A label with what the samples show: approval details, CHIDs, audiences, a publishing range.
            let targets = try await h.metadataTargets(done)
            let audiences = try await h.api(.GET, "/audiences").json
            try expectShape("audience-list.json", audiences)
            let audience = try #require(audiences["value"]?[0]?["id"])
            let path = "/products/\(productID)/submissions/\(submissionID)/shippingLabels"
            let label: JSONValue = [
                "name": "Shipping Label Name", "destination": "windowsUpdate",
                "publishingSpecifications": [
                    "goLiveDate": "2018-02-22T06:50:54.793Z", "visibleToAccounts": [27_691_110],
                    "isAutoInstallDuringOSUpgrade": true, "isAutoInstallOnApplicableSystems": false,
                    "manualAcquisition": false, "isDisclosureRestricted": false, "publishToWindows10s": true,
                    "additionalInfoForMsApproval": try ServiceFixtures.json("additional-info-for-ms-approval.json"),
                ],
                "targeting": [
                    "hardwareIds": [EmulatorHarness.target(targets[0])],
                    "chids": [["chid": "346511cf-ccee-5c6d-8ee9-3c70fc7aae83"]],
                    "restrictedToAudiences": [audience], "inServicePublishInfo": ["flooring": "RS1", "ceiling": "RS3"],
                ],
            ]
            let shipped = try await h.api(.POST, path, json: label)
            #expect(shipped.status == 201, "\(shipped.text)")
            try expectShape("shipping-label-create-response.json", shipped.json)
            let labelID = try #require(shipped.json["id"]?.int64Value)
            // A label holds either publishing range, never both: the sample shows both.
            try expectShape(
                "shipping-label.json", try await h.api(.GET, "\(path)/\(labelID)?includeTargetingInfo=true").json,
                ignoring: ["targeting.coEngDriverPublishInfo"])
            try expectShape("shipping-label-list.json", try await h.api(.GET, path).json)

            var foreign = EmulatorHarness.target(targets[0])
            if case .object(var members) = foreign { members["pnpString"] = "usb\\vid_ffff&pid_0001"; foreign = .object(members) }
            let refused = try await h.api(.POST, path, json: EmulatorHarness.label([foreign]))
            #expect(refused.status == 422)
            try expectShape("error-validation-failed.json", refused.json)
            try expectShape("error-commit-not-pending.json", try await h.api(.POST, "/products/\(productID)/submissions/\(submissionID)/commit").json)
            h.emulator.setRateLimit(requestsPerMinute: 1)
            _ = try await h.api(.GET, "/audiences")
            let limited = try await h.api(.GET, "/audiences")
            #expect(limited.status == 429)
            try expectShape("error-rate-limited.json", limited.json)
        }
    }
}
