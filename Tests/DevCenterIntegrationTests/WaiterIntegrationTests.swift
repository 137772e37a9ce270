import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import NIOConcurrencyHelpers
import Testing

@Suite("Against the emulator: waiting for a submission")
struct WaiterIntegrationTests {
    let options = WaitOptions(pollInterval: .seconds(30), maximumPollInterval: .seconds(120), deadline: .seconds(4 * 3600))

    @Test("a good package is signed; each change is reported once")
    func success() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let (product, submission) = try await h.committedSubmission(client, name: "Good")
            let changes = NIOLockedValueBox<[String]>([])
            let signed = try await client.waitForSubmission(productID: product.id, submissionID: submission.id, options: options) {
                change in changes.withLockedValue { $0.append(change.summary) }
            }
            #expect(signed.downloadURL(.signedPackage) != nil)
            let seen = changes.withLockedValue { $0 }
            #expect(seen.count >= 3)
            #expect(Set(seen).count == seen.count, "no change is reported twice")
            #expect(seen.last == "finalizeIngestion: completed (commitComplete)", "the last change reported is the end: \(seen)")
            let steps = seen.compactMap { $0.split(separator: ":").first.map(String.init) }
                .compactMap { WorkflowStep(rawValue: $0).ordinal }
            #expect(steps == steps.sorted(), "steps are reported in the pipeline's order: \(seen)")
            let polls = h.requests("GET /products/{productId}/submissions/{submissionId}").count
            #expect(polls > seen.count, "polls without a change are not reported")
        }
    }

    @Test("a submission that fails at a step ends the wait with the service's messages")
    func failure() async throws {
        try await IntegrationHarness.run { h in
            try h.emulator.failSubmission(nil, at: .validation, messages: ["The INF is not universal."])
            let client = try h.client()
            let (product, submission) = try await h.committedSubmission(client, name: "Failing")
            await #expect {
                try await client.waitForSubmission(productID: product.id, submissionID: submission.id, options: options)
            } throws: { error in
                guard let e = error as? DevCenterError else { return false }
                return e.kind == .workflowFailed && e.message.contains("validation") && "\(e)".contains("The INF is not universal.")
                    && e.correlationID == client.correlationID && e.requestID != nil
                    && e.requestID == h.transport.sent.last { $0.method == "GET" }?.headers["MS-RequestId"]
                    && "\(e)".contains("MS-RequestId \(e.requestID!)")
            }
        }
    }

    @Test("a bad package fails at packageInfoValidation")
    func badPackage() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let (product, submission) = try await h.committedSubmission(client, name: "Bad", package: Array("not a zip".utf8))
            await #expect {
                try await client.waitForSubmission(productID: product.id, submissionID: submission.id, options: options)
            } throws: { error in
                (error as? DevCenterError)?.kind == .workflowFailed && "\(error)".contains("packageInfoValidation")
            }
        }
    }

    @Test("a wait that outlasts its deadline says where the submission stands")
    func deadline() async throws {
        try await IntegrationHarness.run(EmulatorConfiguration(stepDelay: .seconds(3600))) { h in
            let client = try h.client()
            let (product, submission) = try await h.committedSubmission(client, name: "Slow pipeline")
            let start = h.clock.elapsed
            await #expect {
                try await client.waitForSubmission(
                    productID: product.id, submissionID: submission.id,
                    options: WaitOptions(pollInterval: .seconds(60), maximumPollInterval: .seconds(300), deadline: .seconds(1800)))
            } throws: { error in
                guard let e = error as? DevCenterError else { return false }
                return e.kind == .timeout && "\(e)".contains("30 min") && e.correlationID == client.correlationID
                    && e.requestID != nil && e.requestID == h.transport.sent.last?.headers["MS-RequestId"]
            }
            #expect(h.clock.elapsed - start == .seconds(1800))
        }
    }
}
