import DevCenter
import DevCenterTestSupport
@testable import DevCenterEmulator
import Foundation
import Testing

/// The emulator's pre-production signing and partner submissions over HTTP: the PUT's rules,
/// the signing status on the clock, a planned failure, the assets as a bare array, the
/// download's redirect to a SAS URL, the relationships path, and driver metadata that waits for
/// `createpublishermetadata` and hours more; both set up from a scenario.
@Suite struct PreprodAndPartnerTests {
    static let scenario = """
        {"partnerSubmissions": [{"publisherId": 27691110, "sourceProductId": 14631253285588838,
                                 "sourceSubmissionId": 1152921504621465124, "submissionId": "next"}],
         "failPreprodPackages": [{"package": "next", "messages": ["The catalog is not signed for attestation."]}]}
        """

    func put(_ h: EmulatorHarness, _ body: [UInt8], type: String = "application/octet-stream") async throws -> EmulatorHarness.Answer {
        try await h.send(.PUT, url: h.emulator.baseURL + "/preprod/packages/",
                         headers: [("Authorization", "Bearer \(h.token)"), ("Content-Type", type)], body: body)
    }

    /// The package once its inspection (in the background) has given it its outcome.
    func settled(_ h: EmulatorHarness, _ id: String) async throws -> JSONValue {
        var package = try await h.api(.GET, "/preprod/packages/\(id)").json
        for _ in 0..<500 where package["signingStatus"] == "Processing" {
            try await Task.sleep(for: .milliseconds(10))
            package = try await h.api(.GET, "/preprod/packages/\(id)").json
        }
        return package
    }

    @Test func preprodPackagesAreSignedOnTheClockAndDownloadedThroughARedirect() async throws {
        let scenario = try EmulatorScenario.parse(Data(Self.scenario.utf8))
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .seconds(60), scenario: scenario)) { h in
            let package = try SampleDriverPackage.zip()
            #expect(try await put(h, package, type: "application/json").status == 415)
            #expect(try await put(h, []).status == 400)

            // The first package fails, as the scenario planned.
            let failing = try await put(h, package)
            #expect(failing.status == 200)
            let failingID = try #require(failing.json["id"]?.stringValue)
            h.emulator.advanceClock(bySeconds: 130)
            let failed = try await settled(h, failingID)
            #expect(failed["signingStatus"] == "Failed")
            #expect(failed["error"]?["message"] == "The catalog is not signed for attestation.")

            let sent = try await put(h, package)
            #expect(sent.json["signingStatus"] == "NotStarted")
            let id = try #require(sent.json["id"]?.stringValue)
            let assets = try await h.api(.GET, "/preprod/packages/\(id)/assets")
            #expect(assets.status == 200 && assets.json == .array([]), "no assets before it is signed, as a bare array")
            h.emulator.advanceClock(bySeconds: 60)
            #expect(try await h.api(.GET, "/preprod/packages/\(id)").json["signingStatus"] == "Processing")
            h.emulator.advanceClock(bySeconds: 60)
            #expect(try await settled(h, id)["signingStatus"] == "Succeeded")
            let asset = try #require(try await h.api(.GET, "/preprod/packages/\(id)/assets").json.arrayValue?.first)
            #expect(asset["assetType"] == "SignedFilesZip" && asset["packageId"]?.stringValue == id)
            let assetID = try #require(asset["id"]?.stringValue)
            #expect(try await h.api(.GET, "/preprod/packages/\(id)/assets/\(assetID)").json == asset)
            // The harness's HTTP client follows the redirect to the SAS URL, as a browser would;
            // the request log shows the service's 302 and the blob's GET.
            let zip = try await h.api(.GET, "/preprod/packages/\(id)/assets/\(assetID)/download")
            #expect(zip.status == 200 && zip.body.starts(with: Array("PK".utf8)))
            let log = try await h.admin(.GET, "/requests").json["requests"]?.arrayValue ?? []
            let routes = log.suffix(2).map { "\($0["route"]?.stringValue ?? "") \($0["status"]?.int64Value ?? 0)" }
            #expect(routes == ["GET /preprod/packages/{packageId}/assets/{assetId}/download 302", "GET blob 200"], "\(routes)")
            #expect(try await h.api(.GET, "/preprod/packages/no-such-package").errorCode == "entityNotFound")
        }
    }

    @Test func aSharedSubmissionIsFoundByThePartnersIDsAndGetsItsMetadataHoursAfterAsking() async throws {
        let scenario = try EmulatorScenario.parse(Data(Self.scenario.utf8))
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .zero, scenario: scenario)) { h in
            let (productID, submission) = try await h.submit(try SampleDriverPackage.zip())
            let submissionID = try #require(submission["id"]?.int64Value)
            #expect(submission["commitStatus"] == "commitComplete")
            #expect(EmulatorHarness.downloadURL(submission, "driverMetadata") == nil, "withheld until asked for")
            let path = "/products/relationships/sourcepubliherid/27691110/sourceproductid/14631253285588838/sourcesubmissionid/1152921504621465124"
            let found = try await h.api(.GET, path)
            #expect(found.status == 200 && found.json["id"]?.int64Value == submissionID && found.json["productId"]?.int64Value == productID)
            #expect(try await h.api(.GET, "/products/relationships/sourcepubliherid/27691110/sourceproductid/1/sourcesubmissionid/2").errorCode == "entityNotFound")
            let product = try await h.api(.GET, "/products/\(productID)").json
            #expect(product["sourcePublisherId"]?.int64Value == 27_691_110 && product["originType"] == "partner")

            let ask = "/products/\(productID)/submissions/\(submissionID)/createpublishermetadata"
            #expect(try await h.api(.POST, ask).status == 202)
            h.emulator.advanceClock(bySeconds: 2 * 3600)
            // Tokens live an hour: hours later, a fresh one.
            var token = try await h.fetchToken()
            #expect(try await h.api(.POST, ask, token: token).status == 202, "asking again does not restart the wait")
            let submissionPath = "/products/\(productID)/submissions/\(submissionID)"
            #expect(EmulatorHarness.downloadURL(try await h.api(.GET, submissionPath, token: token).json, "driverMetadata") == nil, "two hours on")
            h.emulator.advanceClock(bySeconds: 3600)
            token = try await h.fetchToken()
            #expect(EmulatorHarness.downloadURL(try await h.api(.GET, submissionPath, token: token).json, "driverMetadata") != nil, "three hours on")
        }
    }

    @Test func badPartnerAndPreprodEntriesOfAScenarioAreRefused() throws {
        for (text, place) in [
            (#"{"partnerSubmissions": [{"publisherId": 0, "sourceProductId": 1, "sourceSubmissionId": 2, "submissionId": "next"}]}"#, "partnerSubmissions[0].publisherId"),
            (#"{"partnerSubmissions": [{"publisherId": 1, "sourceProductId": 1, "sourceSubmissionId": 2}]}"#, "partnerSubmissions[0].submissionId"),
            (#"{"failPreprodPackages": [{"messages": ["x"]}]}"#, "failPreprodPackages[0].package"),
            (#"{"failPreprodPackages": [{"package": "next", "messages": [1]}]}"#, "failPreprodPackages[0].messages"),
        ] {
            #expect(throws: ScenarioError.self) { try EmulatorScenario.parse(Data(text.utf8)) }
            do {
                _ = try EmulatorScenario.parse(Data(text.utf8))
            } catch let error as ScenarioError {
                #expect(error.message.contains(place), "\(error.message)")
            }
        }
    }
}
