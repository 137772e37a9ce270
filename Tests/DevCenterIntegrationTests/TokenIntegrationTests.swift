import DevCenter
import DevCenterEmulator
import NIOConcurrencyHelpers
import Testing

@Suite("Against the emulator: tokens")
struct TokenIntegrationTests {
    let tokenRoute = "POST /{tenant}/oauth2/token"

    @Test("a token refused with 401 is replaced once and the request succeeds")
    func refreshOn401() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let product = try await client.createProduct(IntegrationHarness.newProduct("Token"))
            // The service's clock passes the token's expiry; the client's does not know.
            h.emulator.advanceClock(bySeconds: 7200)
            #expect(try await client.product(product.id).id == product.id)
            #expect(h.requests("GET /products/{productId}").map(\.status) == [401, 200])
            #expect(h.requests(tokenRoute).count == 2)
        }
    }

    @Test("the v2 token endpoint works the same")
    func v2Endpoint() async throws {
        try await IntegrationHarness.run { h in
            var credentials = h.credentials
            credentials.tokenEndpoint = .v2
            _ = try await h.client(credentials: .client(credentials)).products().collect()
            #expect(h.requests("POST /{tenant}/oauth2/v2.0/token").count == 1)
        }
    }

    @Test("many concurrent requests share one token")
    func oneTokenForMany() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<10 { group.addTask { _ = try await client.products().collect() } }
                try await group.waitForAll()
            }
            #expect(h.requests(tokenRoute).count == 1)
        }
    }

    @Test("a token that expires in the middle of a long wait does not end the wait")
    func expiryDuringWait() async throws {
        try await IntegrationHarness.run(EmulatorConfiguration(stepDelay: .seconds(600))) { h in
            let client = try h.client()
            let (product, submission) = try await h.committedSubmission(client, name: "Long wait")
            let advanced = NIOLockedValueBox(false)
            let emulator = h.emulator
            let signed = try await client.waitForSubmission(
                productID: product.id, submissionID: submission.id,
                options: WaitOptions(pollInterval: .seconds(300), maximumPollInterval: .seconds(600), deadline: .seconds(6 * 3600))
            ) { _ in
                // Once, expire the token at the service without the client knowing.
                if advanced.withLockedValue({ let first = !$0; $0 = true; return first }) {
                    emulator.advanceClock(bySeconds: 3700)
                }
            }
            #expect(signed.progress == .succeeded)
            #expect(h.requests(tokenRoute).count >= 2)
            #expect(h.requests("GET /products/{productId}/submissions/{submissionId}").contains { $0.status == 401 })
        }
    }

    @Test("a token endpoint that keeps failing ends a create before it is sent, not as an uncertain outcome")
    func tokenFailureEndsCreate() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: tokenRoute, status: 503, count: 100))
            let client = try h.client(retryPolicy: RetryPolicy(maximumAttempts: 3, initialDelay: .seconds(1), jitter: .none))
            let failure = await #expect(throws: DevCenterError.self) {
                try await client.createProduct(IntegrationHarness.newProduct("Never sent"))
            }
            let error = try #require(failure)
            #expect(error.kind == .server)
            #expect(error.kind != .uncertainOutcome)
            #expect(error.delivery == .notSent)
            #expect(error.message.contains("oauth2/token"), "the error names the token request: \(error.message)")
            #expect(error.message.contains("POST /products was not sent"), "\(error.message)")
            #expect(error.attempts == 3)
            #expect(error.correlationID == client.correlationID)
            #expect(h.requests("POST /products").isEmpty)
            #expect(h.requests("GET /products").isEmpty, "nothing to reconcile: the create never went out")
            #expect(h.requests(tokenRoute).count == 3, "the token provider's retries are the only ones")
        }
    }

    @Test("a read whose token request keeps failing makes no more token requests than its attempts")
    func tokenFailureBoundsRead() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: tokenRoute, status: 503, count: 100))
            let client = try h.client(retryPolicy: RetryPolicy(maximumAttempts: 3, initialDelay: .seconds(1), jitter: .none))
            let failure = await #expect(throws: DevCenterError.self) { try await client.products().collect() }
            #expect(failure?.attempts == 3)
            #expect(h.requests(tokenRoute).count == 3)
            #expect(h.requests("GET /products").isEmpty)
        }
    }
}
