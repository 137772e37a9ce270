import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

/// What a person reads when something fails: what happened, to what, and what to do next.
@Suite("Against the emulator: error texts say what happened, to what, and what to do")
struct ErrorTextIntegrationTests {
    /// A loopback port nobody listens on (an emulator's, once stopped).
    func closedPort() async throws -> Int {
        let emulator = try await EmulatorServer.start()
        let port = emulator.port
        await emulator.stop()
        return port
    }

    let policy = RetryPolicy(maximumAttempts: 3, initialDelay: .seconds(1), jitter: .none)

    @Test("a service host that refuses connections is named, with the retries spent and where the host came from")
    func unreachableServiceHost() async throws {
        let port = try await closedPort()
        try await IntegrationHarness.run { h in
            let client = try h.client(
                retryPolicy: policy, credentials: .accessToken(Secret("static-token-value")),
                baseURL: "http://127.0.0.1:\(port)/v2.0/my/hardware")
            let error = try #require(await #expect(throws: DevCenterError.self) { try await client.products().collect() })
            let text = error.description
            #expect(error.kind == .network)
            #expect(error.message.contains("/products could not connect to 127.0.0.1:\(port)"), "\(text)")
            #expect(error.message.contains("gave up after 3 attempts"), "\(text)")
            #expect(text.contains("HDC_BASE_URL"), "\(text)")
            #expect(!text.contains("retried where that is safe"), "\(text)")
            #expect(!text.contains("(errno: "), "no stray parenthesis from NIO's own text: \(text)")
            #expect(text.filter { $0 == "(" }.count == text.filter { $0 == ")" }.count, "\(text)")
        }
    }

    @Test("a token authority that refuses connections is named as the token authority, not the base URL")
    func unreachableAuthority() async throws {
        let port = try await closedPort()
        try await IntegrationHarness.run { h in
            var credentials = h.credentials
            credentials.authorityHost = "http://127.0.0.1:\(port)"
            let client = try h.client(retryPolicy: policy, credentials: .client(credentials))
            let error = try #require(await #expect(throws: DevCenterError.self) { try await client.products().collect() })
            let text = error.description
            #expect(error.kind == .network && error.delivery == .notSent)
            #expect(error.message.contains("could not connect to 127.0.0.1:\(port)"), "\(text)")
            #expect(error.message.contains("gave up after 3 attempts"), "\(text)")
            #expect(text.contains("token authority (HDC_AUTHORITY_HOST"), "\(text)")
            #expect(!text.contains("base URL"), "\(text)")
            #expect(h.requests("GET /products").isEmpty)
        }
    }

    @Test("a token endpoint failing with 5xx gives the IDs it has: its trace ID and the correlation ID")
    func tokenServerErrorIDs() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: "POST /{tenant}/oauth2/token", status: 503, count: 10))
            let client = try h.client(retryPolicy: policy)
            let error = try #require(await #expect(throws: DevCenterError.self) { try await client.products().collect() })
            let text = error.description
            #expect(error.kind == .server)
            #expect(error.requestID != nil, "Entra ID's trace ID")
            #expect(error.correlationID == client.correlationID)
            #expect(text.contains("trace ID"), "\(text)")
            #expect(text.contains("MS-RequestId \(error.requestID ?? "-")"), "\(text)")
            #expect(!text.contains("the request and correlation IDs"), "\(text)")
            let sent = h.transport.sent.filter { $0.url.contains("/oauth2/token") }
            #expect(sent.allSatisfy { $0.headers["client-request-id"] == client.correlationID }, "Entra ID gets the correlation ID")
        }
    }

    @Test("a wait on a submission that was never committed says so, and to commit it")
    func neverCommitted() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let product = try await client.createProduct(IntegrationHarness.newProduct("Uncommitted"))
            let submission = try await client.createSubmission(productID: product.id, NewSubmission(name: "Uncommitted 1.0"))
            let error = try #require(await #expect(throws: DevCenterError.self) {
                try await client.waitForSubmission(
                    productID: product.id, submissionID: submission.id,
                    options: WaitOptions(pollInterval: .seconds(60), deadline: .seconds(600)))
            })
            let text = error.description
            #expect(error.kind == .timeout)
            #expect(error.message.contains("never committed") && error.message.contains("commitPending"), "\(text)")
            #expect(text.contains("commit the submission") && text.contains("In Swift: client.commitSubmission(productID:submissionID:)."), "\(text)")
            #expect(!text.contains("The service goes on processing it"), "\(text)")
        }
    }

    @Test("a failed submission's advice says how to fetch its error report, and that way works")
    func errorReportFetchable() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let (product, submission) = try await h.committedSubmission(client, name: "Bad report", package: Array("not a zip".utf8))
            let error = try #require(await #expect(throws: DevCenterError.self) {
                try await client.waitForSubmission(
                    productID: product.id, submissionID: submission.id,
                    options: WaitOptions(pollInterval: .seconds(60), deadline: .seconds(4 * 3600)))
            })
            let text = error.description
            #expect(error.kind == .workflowFailed)
            #expect(text.contains("error report: ") && text.contains("sig=<redacted>"), "the URL shown cannot be opened: \(text)")
            // A Swift program is told the Swift call; scripts get hdc.download from the hdc module.
            #expect(!text.contains("hdc."), "\(text)")
            #expect(text.contains("In Swift: client.download(.errorReport, of: submission, to: path)"), "\(text)")
            let failed = try await client.submission(productID: product.id, submissionID: submission.id)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("hwsubmit-report-\(UUID().uuidString).txt").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try await client.download(.errorReport, of: failed, to: path)
            #expect(result.bytes > 0)
            let report = try String(contentsOfFile: path, encoding: .utf8)
            #expect(report.contains("packageInfoValidation") || !report.isEmpty)
        }
    }
}
