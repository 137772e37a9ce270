import DevCenter
import DevCenterEmulator
import Testing

@Suite("Against the emulator: paging")
struct PagingIntegrationTests {
    @Test("a list follows its next links past several pages, lazily, in every form the service writes them", arguments: NextLinkForm.allCases)
    func severalPages(_ form: NextLinkForm) async throws {
        try await IntegrationHarness.run(EmulatorConfiguration(pageSize: 2, nextLinkForm: form)) { h in
            let client = try h.client()
            var created: [Int64] = []
            for i in 1...7 { created.append(try await client.createProduct(IntegrationHarness.newProduct("Paged \(i)")).id) }
            h.emulator.clearRequestLog()
            let listed = try await client.products().collect().map(\.id)
            #expect(Set(listed) == Set(created))
            #expect(listed.count == 7)
            #expect(h.requests("GET /products").count == 4)

            h.emulator.clearRequestLog()
            var iterator = client.products().makeAsyncIterator()
            _ = try await iterator.next()
            #expect(h.requests("GET /products").count == 1, "one item needs one page")
        }
    }

    @Test("the retired v1.0 base URL is served the same")
    func legacyBase() async throws {
        try await IntegrationHarness.run { h in
            let product = try await h.client().createProduct(IntegrationHarness.newProduct("Legacy"))
            let legacy = try h.client(baseURL: h.emulator.legacyBaseURL)
            #expect(try await legacy.product(product.id).productName == "Legacy")
        }
    }
}
