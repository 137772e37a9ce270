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
            _ = try await h.client(credentials: .clientSecret(credentials)).products().collect()
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
}
