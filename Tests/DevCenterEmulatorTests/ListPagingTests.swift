import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

/// Submission and shipping-label lists page with `next_link` as product lists do.
@Suite("Lists of submissions and shipping labels page with next_link")
struct ListPagingTests {
    /// Every page of `path` by its `next_link`s: the IDs listed and the number of pages.
    func walk(_ h: EmulatorHarness, _ path: String, pageSize: Int) async throws -> (ids: [Int64], pages: Int) {
        var ids: [Int64] = []
        var url: String? = h.emulator.baseURL + path
        var pages = 0
        while let next = url, pages < 10 {
            let answer = try await h.send(.GET, url: next, headers: [("Authorization", "Bearer \(h.token)")])
            #expect(answer.status == 200, "\(answer.text)")
            let items = answer.json["value"]?.arrayValue ?? []
            #expect(items.count <= pageSize)
            ids += items.compactMap { $0["id"]?.int64Value }
            url = answer.json["links"]?.arrayValue?.first { $0["rel"] == "next_link" }?["href"]?.stringValue
            pages += 1
        }
        return (ids, pages)
    }

    @Test("a product's submissions: every one exactly once, over pages of the configured size")
    func submissions() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .zero, pageSize: 2)) { h in
            let (productID, initial) = try await h.submit(try SampleDriverPackage.zip())
            var created = [try #require(initial["id"]?.int64Value)]
            for _ in 0..<4 { created.append(try await h.createSubmission(productID, type: "derived").id) }
            let (ids, pages) = try await walk(h, "/products/\(productID)/submissions", pageSize: 2)
            #expect(pages == 3)
            #expect(ids == created)
        }
    }

    @Test("a submission's shipping labels: every one exactly once, over pages of the configured size")
    func shippingLabels() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .zero, pageSize: 2)) { h in
            let (productID, submission) = try await h.submit(try SampleDriverPackage.zip())
            let submissionID = try #require(submission["id"]?.int64Value)
            let metadata = try await h.send(.GET, url: try #require(EmulatorHarness.downloadURL(submission, "driverMetadata")))
            let target = try #require(try JSONDecoder().decode(DriverMetadata.self, from: Data(metadata.body)).hardwareIDTargets.first)
            let path = "/products/\(productID)/submissions/\(submissionID)/shippingLabels"
            var created: [Int64] = []
            for i in 1...5 {
                let label = NewShippingLabel(
                    name: "label \(i)",
                    publishingSpecifications: PublishingSpecifications(
                        goLiveDate: "2026-12-01T00:00:00Z", isAutoInstallDuringOSUpgrade: false, isAutoInstallOnApplicableSystems: false),
                    targeting: Targeting(hardwareIds: [target]))
                let answer = try await h.api(.POST, path, json: try JSONValue(encoding: label))
                #expect(answer.status == 201, "\(answer.text)")
                created.append(try #require(answer.json["id"]?.int64Value))
            }
            let (ids, pages) = try await walk(h, path, pageSize: 2)
            #expect(pages == 3)
            #expect(ids == created)
        }
    }
}
