import DevCenter
import DevCenterTestSupport
import NIOConcurrencyHelpers
import Testing

@Suite("Waiting for a submission or a shipping label")
struct SubmissionWaiterTests {
    typealias F = ClientFixtures
    let options = WaitOptions(pollInterval: .seconds(10), maximumPollInterval: .seconds(40), backoffFactor: 2, deadline: .seconds(600))

    /// A transport that answers successive GETs with `states`, repeating the last.
    func scripted(_ states: [JSONValue]) -> InMemoryTransport {
        let polls = Counter()
        return InMemoryTransport { _ in .json(states[min(polls.next(), states.count) - 1]) }
    }

    final class Changes: Sendable {
        let seen = NIOLockedValueBox<[String]>([])
        func record(_ change: WorkflowChange<Submission>) { seen.withLockedValue { $0.append(change.summary) } }
        var all: [String] { seen.withLockedValue { $0 } }
    }

    @Test("it waits through intermediate completed steps and reports changes, not polls")
    func success() async throws {
        let transport = scripted([
            F.submission("commitReceived"),
            F.submission("commitReceived", step: "preparation", state: "started"),
            F.submission("commitReceived", step: "preparation", state: "started"),
            F.submission("commitReceived", step: "scanning", state: "completed"),
            F.submission("commitReceived", step: "signing", state: "completed"),
            F.submission("commitComplete", step: "finalizeIngestion", state: "completed", signed: true),
        ])
        let clock = VirtualClock()
        let changes = Changes()
        let done = try await F.client(transport, clock: clock)
            .waitForSubmission(productID: 1, submissionID: 2, options: options) { changes.record($0) }
        #expect(done.downloadURL(.signedPackage) != nil)
        #expect(changes.all == [
            "no workflow status yet (commitReceived)", "preparation: started (commitReceived)",
            "scanning: completed (commitReceived)", "signing: completed (commitReceived)",
            "finalizeIngestion: completed (commitComplete)",
        ])
        #expect(transport.requests.count == 6)
        // It pauses even without a workflow status, and backs off while nothing changes.
        #expect(clock.sleeps == [.seconds(10), .seconds(10), .seconds(20), .seconds(10), .seconds(10)])
    }

    @Test("a failed step ends the wait with the service's messages")
    func failure() async throws {
        var failed = F.submission("commitReceived", step: "validation", state: "failed")
        if case .object(var s) = failed, case .object(var w)? = s["workflowStatus"] {
            w["messages"] = ["INF is not universal", "see the report"]
            w["errorReport"] = "https://acct.blob.core.windows.net/r/report.txt?sv=1&sig=REPORTSIG"
            s["workflowStatus"] = .object(w)
            failed = .object(s)
        }
        let transport = scripted([F.submission("commitReceived", step: "scanning", state: "started"), failed])
        await #expect {
            try await F.client(transport).waitForSubmission(productID: 1, submissionID: 2, options: options)
        } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.kind == .workflowFailed && e.message.contains("at step validation: INF is not universal")
                && e.errorReportURL?.contains("REPORTSIG") == true && !e.description.contains("REPORTSIG")
        }
    }

    @Test("commitFailed is failure even without a failed step")
    func commitFailed() async throws {
        let transport = scripted([F.submission("commitFailed")])
        await #expect {
            try await F.client(transport).waitForSubmission(productID: 1, submissionID: 2, options: options)
        } throws: { error in (error as? DevCenterError)?.kind == .workflowFailed }
    }

    @Test("the deadline ends the wait with the last status, polling once at the deadline")
    func deadline() async throws {
        let transport = scripted([F.submission("commitReceived", step: "manualReview", state: "started")])
        let clock = VirtualClock()
        await #expect {
            try await F.client(transport, clock: clock).waitForSubmission(productID: 1, submissionID: 2, options: options)
        } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.kind == .timeout && e.message.contains("manualReview: started") && e.message.contains("10 min")
        }
        #expect(clock.elapsed == .seconds(600))
        #expect(clock.sleeps.allSatisfy { $0 <= .seconds(40) })
    }

    @Test("transient errors while polling do not end the wait; a 404 does")
    func pollingErrors() async throws {
        let polls = Counter()
        let transport = InMemoryTransport { _ in
            switch polls.next() {
            case 1...6: return .json(503, text: "{}")
            default: return .json(F.submission("commitComplete", signed: true))
            }
        }
        let done = try await F.client(transport, attempts: 2).waitForSubmission(productID: 1, submissionID: 2, options: options)
        #expect(done.progress == .succeeded)
        let gone = InMemoryTransport { _ in .json(404, text: #"{"error": {"code": "entityNotFound"}}"#) }
        await #expect {
            try await F.client(gone).waitForSubmission(productID: 1, submissionID: 2, options: options)
        } throws: { error in (error as? DevCenterError)?.kind == .notFound }
        #expect(gone.requests.count == 1)
    }

    @Test("a shipping label is done at its last step, not at an intermediate completed one")
    func shippingLabel() async throws {
        func label(_ step: String, _ state: String) -> JSONValue {
            ["id": 5, "productId": 1, "submissionId": 2, "name": "l", "destination": "windowsUpdate",
             "workflowStatus": ["currentStep": .string(step), "state": .string(state), "messages": []]]
        }
        let polls = Counter()
        let states = [label("publishJobValidation", "completed"), label("microsoftApproval", "started"), label("finalizePublishing", "completed")]
        let transport = InMemoryTransport { _ in .json(states[min(polls.next(), states.count) - 1]) }
        let done = try await F.client(transport).waitForShippingLabel(productID: 1, submissionID: 2, labelID: 5, options: options)
        #expect(done.workflowStatus?.currentStep == "finalizePublishing")
        #expect(transport.requests.count == 3)
        #expect(transport.requests[0].path.hasSuffix("/products/1/submissions/2/shippingLabels/5"))
    }
}
