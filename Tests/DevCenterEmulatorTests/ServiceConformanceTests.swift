import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

/// The emulator agrees with the service as its documentation describes it (HARDWARE_API.md,
/// "Corrections from the published documentation").
@Suite("The emulator as the service is documented")
struct ServiceConformanceTests {
    @Test("request field names are matched without case, and sent back as documented")
    func fieldNamesWithoutCase() async throws {
        try await EmulatorHarness.with { h in
            let body: JSONValue = [
                "ProductName": "Pascal Widget", "TestHarness": "Attestation", "DeviceType": "external",
                "RequestedSignatures": ["WINDOWS_v100_X64_RS5_FULL"], "AnnouncementDate": "2018-01-01T00:00:00",
                "FirmwareVersion": "980", "SelectedProductTypes": ["windows_v100_RS5": "Unclassified"],
            ]
            let created = try await h.api(.POST, "/products", json: body)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json["productName"] == "Pascal Widget" && created.json["ProductName"] == nil)
            #expect(created.json["testHarness"] == "attestation" && created.json["firmwareVersion"] == "980")
            let id = try #require(created.json["id"]?.int64Value)
            #expect(try await h.api(.PATCH, "/products/\(id)", json: ["PRODUCTNAME": "Renamed"]).status == 204)
            #expect(try await h.api(.GET, "/products/\(id)").json["productName"] == "Renamed")
            let twice = try await h.api(.POST, "/products", json: ["productName": "a", "ProductName": "b"])
            #expect(twice.status == 400 && twice.validationTargets == ["productName"], "\(twice.text)")
            let submission = try await h.api(.POST, "/products/\(id)/submissions", json: ["Name": "s", "Type": "initial"])
            #expect(submission.status == 201 && submission.json["name"] == "s", "\(submission.text)")
        }
    }

    @Test("products carry who made them and when, their origin, and the firmware version")
    func productFields() async throws {
        try await EmulatorHarness.with { h in
            let created = try await h.api(.POST, "/products", json: EmulatorHarness.validProduct)
            let product = try JSONDecoder().decode(Product.self, from: Data(created.body))
            #expect(product.firmwareVersion == "1.0", "the create answer returns firmwareVersion")
            #expect(product.createdBy == h.emulator.clientID && product.updatedBy == h.emulator.clientID)
            #expect(product.createdDateTimeValue != nil && product.updatedDateTimeValue != nil)
            #expect(product.originType == "author" && product.sourceProductId == 0 && product.sourcePublisherId == 0)
            #expect(product.isRetpolineCompiled == false && product.productType != nil)
            #expect(product.links?.map(\.rel) == ["self", "get_submissions"])
        }
    }

    @Test("dates with seven fractional digits or no zone are accepted in requests; goLiveDate is optional")
    func dates() async throws {
        try await EmulatorHarness.with { h in
            for date in ["2018-04-04T16:11:27.2965057+00:00", "2018-01-01T00:00:00", "2018-02-22T06:50:54.793Z", "2018-01-01"] {
                var product = EmulatorHarness.validProduct
                if case .object(var members) = product { members["announcementDate"] = .string(date); product = .object(members) }
                let created = try await h.api(.POST, "/products", json: product)
                #expect(created.status == 201, "\(date): \(created.text)")
            }
            var bad = EmulatorHarness.validProduct
            if case .object(var members) = bad { members["announcementDate"] = "2018-13-01T00:00:00"; bad = .object(members) }
            #expect(try await h.api(.POST, "/products", json: bad).validationTargets == ["announcementDate"])

            let (product, submission, targets) = try await h.completedSubmission()
            let path = "/products/\(product)/submissions/\(submission)/shippingLabels"
            var label = EmulatorHarness.label([EmulatorHarness.target(targets[0])])
            if case .object(var m) = label, case .object(var p)? = m["publishingSpecifications"] {
                p["goLiveDate"] = nil
                p["visibleToAccounts"] = ["27691110"]
                m["publishingSpecifications"] = .object(p)
                m["targeting"] = ["hardwareIds": [EmulatorHarness.target(targets[0])],
                                  "coEngDriverPublishInfo": ["flooringBuildNumber": "17135", "ceilingBuildNumber": 17139]]
                label = .object(m)
            }
            let created = try await h.api(.POST, path, json: label)
            #expect(created.status == 201, "no goLiveDate, numbers as strings: \(created.text)")
            #expect(created.json["targeting"]?["coEngDriverPublishInfo"]?["flooringBuildNumber"] == 17135)
        }
    }

    @Test("a commit answers 202 with commitStarted; a second one is refused as the service words it")
    func commit() async throws {
        try await EmulatorHarness.with { h in
            let product = try await h.createProduct()
            let (id, url) = try await h.createSubmission(product)
            #expect(try await h.putBlob(url, try SampleDriverPackage.zip()).status == 201)
            let commit = try await h.api(.POST, "/products/\(product)/submissions/\(id)/commit")
            let documented = try ServiceFixtures.json("commit-response.json")
            #expect(commit.status == 202 && commit.json == documented)
            let again = try await h.api(.POST, "/products/\(product)/submissions/\(id)/commit")
            #expect(again.errorCode == "requestInvalidForCurrentState")
            #expect(again.errorMessage?.hasPrefix("Only pending submissions can be committed") == true, "\(again.text)")
        }
    }

    @Test("the certification report is a page of the dashboard, which the emulator serves")
    func certificationReport() async throws {
        try await EmulatorHarness.with { h in
            let (product, submission) = try await h.submit(try SampleDriverPackage.zip())
            let id = try #require(submission["id"]?.int64Value)
            let url = try #require(EmulatorHarness.downloadURL(submission, "certificationReport"))
            #expect(SASURL.isDashboardPage(url), "\(url)")
            #expect(url.hasSuffix("/dashboard/hardware/Driver/DownloadCertificationReport/\(EmulatorDefaults.publisherID)/\(product)/\(id)"))
            let page = try await h.send(.GET, url: url)
            #expect(page.status == 200 && page.text.contains("<pre>") && page.text.contains("\(id)"))
            #expect(try await h.send(.GET, url: url.replacingOccurrences(of: "/\(id)", with: "/1")).status == 404)
        }
    }

    @Test("driver metadata is named in downloads, in links, or both, as a scenario chooses")
    func driverMetadataPlacement() async throws {
        for placement in DriverMetadataPlacement.allCases {
            let configuration = EmulatorConfiguration(stepDelay: .zero, scenario: EmulatorScenario(driverMetadataIn: placement))
            try await EmulatorHarness.with(configuration) { h in
                let (_, submission) = try await h.submit(try SampleDriverPackage.zip())
                let decoded = try submission.decode(Submission.self)
                let item = decoded.downloads?.items.contains { $0.type == .driverMetadata } ?? false
                let link = decoded.links?.contains { $0.rel.lowercased() == "drivermetadata" } ?? false
                #expect(item == (placement != .links) && link == (placement != .downloads), "\(placement)")
                #expect(decoded.downloadURL(.driverMetadata) != nil)
                #expect(try await h.metadataTargets(submission).count == 5)
            }
        }
    }

    @Test("a shared label's recipient specifications may be patched; a Windows Update label has none")
    func recipientSpecifications() async throws {
        try await EmulatorHarness.with { h in
            let (product, submission, targets) = try await h.completedSubmission()
            let path = "/products/\(product)/submissions/\(submission)/shippingLabels"
            let shared = try await h.api(.POST, path, json: EmulatorHarness.label([EmulatorHarness.target(targets[0])], destination: "anotherPartner"))
            let sharedID = try #require(shared.json["id"]?.int64Value)
            let patch = try await h.api(.PATCH, "\(path)/\(sharedID)", json: [
                "recipientSpecifications": ["enforceChidTargeting": true, "blockDuaCreation": true],
            ])
            #expect(patch.status == 204, "\(patch.text)")
            let after = try await h.api(.GET, "\(path)/\(sharedID)").json["recipientSpecifications"]
            #expect(after == ["receiverPublisherId": "27012345", "enforceChidTargeting": true, "blockDuaCreation": true])
            let otherPartner = try await h.api(.PATCH, "\(path)/\(sharedID)", json: ["recipientSpecifications": ["receiverPublisherId": "1"]])
            #expect(otherPartner.status == 422 && otherPartner.validationTargets == ["recipientSpecifications.receiverPublisherId"])

            let published = try await h.api(.POST, path, json: EmulatorHarness.label([EmulatorHarness.target(targets[0])]))
            let publishedID = try #require(published.json["id"]?.int64Value)
            let refused = try await h.api(.PATCH, "\(path)/\(publishedID)", json: ["recipientSpecifications": ["enforceChidTargeting": true]])
            #expect(refused.status == 422 && refused.errorMessage?.hasPrefix("Validation Failed.") == true, "\(refused.text)")
            let empty = try await h.api(.PATCH, "\(path)/\(publishedID)", json: [:])
            #expect(empty.status == 422 && empty.validationTargets == ["targeting"])
        }
    }
}
