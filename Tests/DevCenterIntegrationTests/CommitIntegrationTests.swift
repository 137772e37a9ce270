import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Testing

@Suite("Against the emulator (slow): commit after a failed answer")
struct CommitIntegrationTests {
    let commitRoute = "POST /products/{productId}/submissions/{submissionId}/commit"

    func uploaded(_ h: IntegrationHarness, _ client: DevCenterClient, _ name: String) async throws -> (Int64, Int64) {
        let product = try await client.createProduct(IntegrationHarness.newProduct(name))
        let submission = try await client.createSubmission(productID: product.id, NewSubmission(name: "\(name) 1.0"))
        try await h.upload(try SampleDriverPackage.zip(), to: try #require(submission.uploadURL))
        return (product.id, submission.id)
    }

    @Test("a commit refused with 500 is checked, found pending, and sent again")
    func refusedCommit() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let (productID, submissionID) = try await uploaded(h, client, "Commit 500")
            h.emulator.injectFault(FaultRule(route: commitRoute, status: 500))
            try await client.commitSubmission(productID: productID, submissionID: submissionID)
            #expect(h.requests(commitRoute).map(\.status) == [500, 202])
            let status = try await client.submission(productID: productID, submissionID: submissionID).commitStatus
            #expect(status?.commitLanded == true)
        }
    }

    @Test("a commit that landed but whose answer was lost is not sent again")
    func lateCommit() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let (productID, submissionID) = try await uploaded(h, client, "Commit late")
            h.emulator.injectFault(FaultRule(route: commitRoute, drop: true, after: true))
            try await client.commitSubmission(productID: productID, submissionID: submissionID)
            #expect(h.requests(commitRoute).map(\.fault) == ["dropped after handling"], "one commit, never sent again")
            #expect(h.requests("GET /products/{productId}/submissions/{submissionId}").count >= 1, "the submission was checked")
        }
    }
}
