import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

/// The emulator's answers decode into the shared DevCenter models, the vocabulary the client uses.
@Suite("Emulator answers decode as DevCenter models")
struct ModelCompatibilityTests {
    @Test("products, submissions, lists, labels, audiences and error bodies")
    func decode() async throws {
        try await EmulatorHarness.with { h in
            let created = try await h.api(.POST, "/products", json: EmulatorHarness.validProduct)
            let product = try JSONDecoder().decode(Product.self, from: Data(created.body))
            #expect(product.testHarness == .attestation && product.deviceType == .external)
            #expect(product.json["firmwareVersion"] == "1.0", "the create answer returns firmwareVersion, as the service's does")
            let page = try JSONDecoder().decode(ListPage<Product>.self, from: Data(try await h.api(.GET, "/products").body))
            #expect(page.value.map(\.id) == [product.id] && page.nextLink == nil)

            let new = try await h.api(.POST, "/products/\(product.id)/submissions", json: try JSONValue(encoding: NewSubmission(name: "s")))
            let pending = try JSONDecoder().decode(Submission.self, from: Data(new.body))
            #expect(pending.progress == .inProgress && pending.commitStatus == .commitPending)
            let upload = try #require(pending.uploadURL)
            #expect(try await h.putBlob(upload, try SampleDriverPackage.zip()).status == 201)
            #expect(try await h.api(.POST, "/products/\(product.id)/submissions/\(pending.id)/commit").status == 202)
            let done = try JSONDecoder().decode(Submission.self, from: Data(try await h.waitForFinalState(product.id, pending.id).serialized()))
            #expect(done.progress == .succeeded)
            #expect(done.downloadURL(.signedPackage) != nil && done.downloadURL(.driverMetadata) != nil)

            let metadataAnswer = try await h.send(.GET, url: try #require(done.downloadURL(.driverMetadata)))
            let target = try #require(try JSONDecoder().decode(DriverMetadata.self, from: Data(metadataAnswer.body)).hardwareIDTargets.first)
            let request = NewShippingLabel(
                name: "label", destination: .windowsUpdate,
                publishingSpecifications: PublishingSpecifications(goLiveDate: "2026-12-01T00:00:00Z", isAutoInstallDuringOSUpgrade: false, isAutoInstallOnApplicableSystems: false),
                targeting: Targeting(hardwareIds: [target]))
            let labelAnswer = try await h.api(.POST, "/products/\(product.id)/submissions/\(done.id)/shippingLabels", json: try JSONValue(encoding: request))
            #expect(labelAnswer.status == 201, "\(labelAnswer.text)")
            let label = try JSONDecoder().decode(ShippingLabel.self, from: Data(labelAnswer.body))
            #expect(label.submissionId == done.id && label.targeting?.hardwareIds?.first?.pnpString == target.pnpString)

            let audiences = try JSONDecoder().decode(ListPage<Audience>.self, from: Data(try await h.api(.GET, "/audiences").body))
            #expect(!audiences.value.isEmpty)

            let refused = try await h.api(.POST, "/products/\(product.id)/submissions", json: ["name": "again"])
            let error = try #require(ServiceErrorBody.parse(refused.body))
            #expect(error.code == .requestInvalidForCurrentState)
            h.emulator.setRateLimit(requestsPerMinute: 1)
            _ = try await h.api(.GET, "/audiences")
            let limited = try await h.api(.GET, "/audiences")
            #expect(ServiceErrorBody.parse(limited.body)?.message?.contains("Rate limit") == true)
        }
    }
}
