import DevCenter
import DevCenterEmulator
import Testing

@Suite("Against the emulator (slow): each retry rule under its fault")
struct RetryRuleIntegrationTests {
    @Test("429 with Retry-After: the client waits as asked, then succeeds")
    func rateLimitedRetryAfter() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let product = try await client.createProduct(IntegrationHarness.newProduct("Limited"))
            h.emulator.injectFault(FaultRule(route: "GET /products/{productId}", status: 429, retryAfter: 7))
            #expect(try await client.product(product.id).id == product.id)
            #expect(h.clock.sleeps.contains(.seconds(7)))
            #expect(h.requests("GET /products/{productId}").map(\.status) == [429, 200])
        }
    }

    @Test("5xx on a read is retried with back-off", arguments: [500, 502, 503, 504])
    func serverErrors(_ status: Int) async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let product = try await client.createProduct(IntegrationHarness.newProduct("Flaky \(status)"))
            h.emulator.injectFault(FaultRule(route: "GET /products/{productId}", status: status, count: 2))
            #expect(try await client.product(product.id).id == product.id)
            #expect(h.requests("GET /products/{productId}").map(\.status) == [status, status, 200])
            #expect(h.clock.sleeps.suffix(2) == [.seconds(1), .seconds(2)])
        }
    }

    @Test("5xx on a PATCH is retried: an update may be sent twice")
    func serverErrorOnUpdate() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let product = try await client.createProduct(IntegrationHarness.newProduct("Renamed"))
            h.emulator.injectFault(FaultRule(route: "PATCH /products/{productId}", status: 503))
            try await client.updateProduct(product.id, ProductUpdate(productName: "Renamed again"))
            #expect(try await client.product(product.id).productName == "Renamed again")
            #expect(h.requests("PATCH /products/{productId}").map(\.status) == [503, 204])
        }
    }

    @Test("a dropped connection on a read is retried")
    func droppedRead() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let product = try await client.createProduct(IntegrationHarness.newProduct("Dropped"))
            h.emulator.injectFault(FaultRule(route: "GET /products/{productId}", drop: true))
            #expect(try await client.product(product.id).id == product.id)
            #expect(h.requests("GET /products/{productId}").count == 2)
        }
    }

    @Test("a request that times out is retried")
    func timeout() async throws {
        try await IntegrationHarness.run { h in
            // The timeout is short, but far from the fault's delay and from what a busy machine
            // takes to answer; the token and the connection are had before the fault.
            let client = try h.client(requestTimeout: .seconds(3))
            let product = try await h.client().createProduct(IntegrationHarness.newProduct("Slow"))
            #expect(try await client.product(product.id).id == product.id)
            let sleepsBefore = h.clock.sleeps.count
            h.emulator.injectFault(FaultRule(route: "GET /products/{productId}", delayMs: 9000))
            #expect(try await client.product(product.id).id == product.id)
            // A loaded machine may time out a later attempt too; the first back-off is what
            // shows the timed-out attempt was retried.
            #expect(h.clock.sleeps.dropFirst(sleepsBefore).first == .seconds(1), "the first attempt timed out and was retried after the back-off")
        }
    }

    @Test("a 400 is not retried")
    func refusedNotRetried() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            h.emulator.injectFault(FaultRule(route: "GET /products/{productId}", status: 400))
            await #expect(throws: DevCenterError.self) { try await client.product(1) }
            #expect(h.requests("GET /products/{productId}").count == 1)
        }
    }

    @Test("the client-side rate limit keeps a burst under the service's limit")
    func clientRateLimit() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.setRateLimit(requestsPerMinute: 3)
            let client = try h.client(requestsPerMinute: 3)
            for i in 1...7 { _ = try await client.createProduct(IntegrationHarness.newProduct("Burst \(i)")) }
            #expect(h.emulator.requestLog().allSatisfy { $0.status != 429 })
            #expect(h.clock.elapsed >= .seconds(120))
        }
    }

    @Test("Retry-After as an HTTP date is honoured through the real client")
    func retryAfterHTTPDate() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let product = try await client.createProduct(IntegrationHarness.newProduct("Dated"))
            h.emulator.injectFault(FaultRule(route: "GET /products/{productId}", status: 503, retryAfter: 20, retryAfterDate: true))
            #expect(try await client.product(product.id).id == product.id)
            #expect(h.requests("GET /products/{productId}").map(\.status) == [503, 200])
            // The date has whole seconds, and the emulator's clock runs ahead of the client's by the
            // real time the test has taken (seconds on a loaded machine); without the date, the
            // back-off would have been 1 s.
            let waited = try #require(h.clock.sleeps.last)
            #expect(waited >= .seconds(18) && waited <= .seconds(60), "waited \(waited)")
        }
    }

    @Test("408 is retried: on a read, and on a create without a lookup (the request was not read)")
    func requestTimeout408() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            h.emulator.injectFault(FaultRule(route: "POST /products", status: 408))
            let product = try await client.createProduct(IntegrationHarness.newProduct("Timed out once"))
            #expect(h.requests("POST /products").map(\.status) == [408, 201])
            #expect(h.requests("GET /products").count == 1, "only the listing before the first attempt")
            h.emulator.injectFault(FaultRule(route: "GET /products/{productId}", status: 408))
            #expect(try await client.product(product.id).id == product.id)
            #expect(h.requests("GET /products/{productId}").map(\.status) == [408, 200])
        }
    }

    @Test("a shipping label's PUT cancel is retried after a 503 and a dropped connection")
    func cancelRetried() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let (submission, target) = try await h.signedSubmission(client, name: "Cancelled")
            let label = try await client.createShippingLabel(
                productID: submission.productId, submissionID: submission.id, IntegrationHarness.newLabel("to cancel", target))
            // The service cancels a label only in Microsoft's approval (step 6 of 8, a minute each) or the gradual rollout.
            h.emulator.advanceClock(bySeconds: 330)
            let route = "PUT /products/{productId}/submissions/{submissionId}/shippingLabels/{shippingLabelId}/cancel"
            h.emulator.injectFault(FaultRule(route: route, status: 503))
            h.emulator.injectFault(FaultRule(route: route, drop: true, nth: 2))
            try await client.cancelShippingLabel(productID: submission.productId, submissionID: submission.id, labelID: label.id)
            #expect(h.requests(route).map(\.status) == [503, 0, 204])
        }
    }
}
