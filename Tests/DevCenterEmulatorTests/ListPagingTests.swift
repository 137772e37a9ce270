import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

/// Lists of products, submissions and shipping labels page in whichever form of next link the
/// emulator is told to write, and a client resolving each form as the service means it
/// (``ServiceBaseURL/resolve(nextLink:)``) reads every item exactly once.
@Suite("Lists page in every form of next link")
struct ListPagingTests {
    /// Every page of `path` by its next links, resolved as the client resolves them: the IDs
    /// listed and the number of pages.
    func walk(_ h: EmulatorHarness, _ path: String, pageSize: Int, form: NextLinkForm) async throws -> (ids: [Int64], pages: Int) {
        let base = try ServiceBaseURL(h.emulator.baseURL)
        var ids: [Int64] = []
        var url: String? = h.emulator.baseURL + path
        var pages = 0
        while let next = url, pages < 10 {
            let answer = try await h.send(.GET, url: next, headers: [("Authorization", "Bearer \(h.token)")])
            #expect(answer.status == 200, "\(answer.text)")
            let page = try answer.json.decode(ListPage<JSONValue>.self)
            #expect(page.value.count <= pageSize)
            ids += page.value.compactMap { $0["id"]?.int64Value }
            let href = page.nextLink
            if let href {
                switch form {
                case .absolute: #expect(href.hasPrefix(h.emulator.baseURL + "/"), "\(href)")
                case .path: #expect(href.hasPrefix("/v2.0/my/hardware/"), "\(href)")
                case .relative, .atNextLink: #expect(href.hasPrefix("hardware/"), "\(href)")
                }
                #expect((answer.json["@nextLink"] != nil) == (form == .atNextLink))
            }
            url = href.map(base.resolve(nextLink:))
            pages += 1
        }
        return (ids, pages)
    }

    @Test("products: every one exactly once, over pages of the configured size", arguments: NextLinkForm.allCases)
    func products(_ form: NextLinkForm) async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .zero, pageSize: 2, nextLinkForm: form)) { h in
            var created: [Int64] = []
            for _ in 0..<5 { created.append(try await h.createProduct()) }
            let (ids, pages) = try await walk(h, "/products", pageSize: 2, form: form)
            #expect(pages == 3)
            #expect(ids == created)
        }
    }

    @Test("a product's submissions: every one exactly once, over pages of the configured size", arguments: NextLinkForm.allCases)
    func submissions(_ form: NextLinkForm) async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .zero, pageSize: 2, nextLinkForm: form)) { h in
            let (productID, initial) = try await h.submit(try SampleDriverPackage.zip())
            var created = [try #require(initial["id"]?.int64Value)]
            for _ in 0..<4 { created.append(try await h.createSubmission(productID, type: "derived").id) }
            let (ids, pages) = try await walk(h, "/products/\(productID)/submissions", pageSize: 2, form: form)
            #expect(pages == 3)
            #expect(ids == created)
        }
    }

    @Test("a submission's shipping labels: every one exactly once, with the form a scenario sets", arguments: NextLinkForm.allCases)
    func shippingLabels(_ form: NextLinkForm) async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .zero, pageSize: 2)) { h in
            try h.emulator.apply(EmulatorScenario(nextLinkForm: form))
            let (productID, submissionID, targets) = try await h.completedSubmission()
            let path = "/products/\(productID)/submissions/\(submissionID)/shippingLabels"
            var created: [Int64] = []
            for i in 1...5 {
                let label = NewShippingLabel(
                    name: "label \(i)",
                    publishingSpecifications: PublishingSpecifications(
                        isAutoInstallDuringOSUpgrade: false, isAutoInstallOnApplicableSystems: false),
                    targeting: Targeting(hardwareIds: [targets[0]]))
                let answer = try await h.api(.POST, path, json: try JSONValue(encoding: label))
                #expect(answer.status == 201, "\(answer.text)")
                created.append(try #require(answer.json["id"]?.int64Value))
            }
            let (ids, pages) = try await walk(h, path, pageSize: 2, form: form)
            #expect(pages == 3)
            #expect(ids == created)
        }
    }

    @Test("the next link form of a scenario file, and a form that does not exist")
    func scenarioForm() throws {
        let scenario = try EmulatorScenario.parse(Data(#"{"nextLinkForm": "@nextLink", "driverMetadataIn": "both"}"#.utf8))
        #expect(scenario.nextLinkForm == .atNextLink && scenario.driverMetadataIn == .both)
        #expect(throws: ScenarioError.self) { try EmulatorScenario.parse(Data(#"{"nextLinkForm": "sideways"}"#.utf8)) }
        do {
            _ = try EmulatorScenario.parse(Data(#"{"nextLinkForm": "sideways"}"#.utf8))
        } catch {
            #expect("\(error)".contains("absolute, relative, path, @nextLink"), "\(error)")
        }
    }
}
