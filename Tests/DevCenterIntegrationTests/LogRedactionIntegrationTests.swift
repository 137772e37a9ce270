import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Testing

/// Every integration test checks its own log when it ends (``IntegrationHarness/run(_:_:)``);
/// this one runs the whole flow with every line at trace level and faults on the way.
@Suite("Against the emulator: nothing secret in the logs")
struct LogRedactionIntegrationTests {
    @Test("a full flow with faults logs no token, secret or SAS signature")
    func fullFlow() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: "GET /products/{productId}/submissions/{submissionId}", status: 503, count: 2))
            let client = try h.client()
            let (product, submission) = try await h.committedSubmission(client, name: "Logged")
            client.logger.info("uploaded to \(submission.uploadURL ?? "")")
            let signed = try await client.waitForSubmission(productID: product.id, submissionID: submission.id, options: WaitOptions(pollInterval: .seconds(30)))
            client.logger.info("signed package at \(signed.downloadURL(.signedPackage) ?? "")")
            h.emulator.advanceClock(bySeconds: 7200)
            _ = try await client.product(product.id)
            #expect(h.capture.lines.count > 10)
            #expect(h.capture.text.contains("sig=<redacted>"))
            #expect(h.transport.secrets.count >= 3, "tokens and signatures were seen on the wire")
        }
    }
}
