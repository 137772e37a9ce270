import DevCenter
import DevCenterEmulator
import Testing

@Suite("Against the emulator (slow): creates that must not duplicate")
struct NoDuplicateIntegrationTests {
    func products(named name: String, in h: IntegrationHarness) async throws -> [Product] {
        try await h.client().products().collect().filter { $0.productName == name }
    }

    @Test("a create whose connection dropped is looked up, then sent again: one product")
    func droppedCreate() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: "POST /products", drop: true))
            let product = try await h.client().createProduct(IntegrationHarness.newProduct("Dropped create"))
            #expect(try await products(named: "Dropped create", in: h).map(\.id) == [product.id])
            #expect(h.requests("POST /products").count == 2)
            #expect(h.requests("GET /products").count >= 2, "a lookup came between the two creates")
        }
    }

    @Test("a create that was processed but whose answer was lost is found, not made again: one product, one POST")
    func processedAnswerLost() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: "POST /products", drop: true, after: true))
            let product = try await h.client().createProduct(IntegrationHarness.newProduct("Late create"))
            #expect(try await products(named: "Late create", in: h).map(\.id) == [product.id])
            #expect(h.requests("POST /products").map(\.fault) == ["dropped after handling"])
        }
    }

    @Test("a create refused with 503 is looked up, then sent again: one product")
    func unavailableCreate() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: "POST /products", status: 503))
            _ = try await h.client().createProduct(IntegrationHarness.newProduct("Unavailable"))
            #expect(try await products(named: "Unavailable", in: h).count == 1)
            #expect(h.requests("POST /products").map(\.status) == [503, 201])
        }
    }

    @Test("a create refused with 429 is sent again after Retry-After, with no lookup")
    func rateLimitedCreate() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: "POST /products", status: 429, retryAfter: 5))
            _ = try await h.client().createProduct(IntegrationHarness.newProduct("Limited create"))
            #expect(h.requests("POST /products").map(\.status) == [429, 201])
            #expect(h.requests("GET /products").isEmpty)
            #expect(h.clock.sleeps.contains(.seconds(5)))
        }
    }

    @Test("a submission create whose connection dropped makes one submission")
    func droppedSubmissionCreate() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let product = try await client.createProduct(IntegrationHarness.newProduct("Submission drop"))
            h.emulator.injectFault(FaultRule(route: "POST /products/{productId}/submissions", drop: true))
            let submission = try await client.createSubmission(productID: product.id, NewSubmission(name: "sd 1.0"))
            #expect(submission.uploadURL != nil)
            #expect(try await client.submissions(productID: product.id).collect().count == 1)
        }
    }
}
