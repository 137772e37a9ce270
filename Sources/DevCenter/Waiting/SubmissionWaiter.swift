/// Waits for a committed submission to be signed or to fail, by the service's completion rules
/// (``Submission/progress``): a `signedPackage` download or a completed `finalizeIngestion` is
/// done; `state == failed` at any step or `commitFailed` is failure; anything else is progress.
///
/// It polls at an interval that grows while nothing changes, pauses even when the answer has no
/// `workflowStatus`, keeps polling through transient errors, reports each change of step, state
/// or commit status (not every poll), and gives up at a deadline with
/// ``DevCenterError/Kind/timeout``. A failure is ``DevCenterError/Kind/workflowFailed`` with the
/// service's messages and error report URL.
public struct SubmissionWaiter: Sendable {
    public let client: DevCenterClient
    public var options: WaitOptions

    public init(client: DevCenterClient, options: WaitOptions = WaitOptions()) {
        self.client = client
        self.options = options
    }

    /// Polls until the submission is done and returns it as last fetched (with its downloads).
    public func wait(
        productID: Int64, submissionID: Int64,
        onChange: (@Sendable (WorkflowChange<Submission>) async -> Void)? = nil
    ) async throws -> Submission {
        let poller = WorkflowPoller<Submission>(
            resourceName: "submission \(submissionID) of product \(productID)", options: options,
            correlationID: client.correlationID,
            fetchReport: "download it through the submission, which hands out a freshly signed URL",
            reportStep: .downloadErrorReport,
            clock: client.clock,
            logger: client.logger,
            fetch: { [client] in try await client.submission(productID: productID, submissionID: submissionID) },
            progress: { $0.progress },
            snapshot: { submission, elapsed in
                WorkflowChange(
                    resource: submission, step: submission.workflowStatus?.currentStep,
                    state: submission.workflowStatus?.state, commitStatus: submission.commitStatus, elapsed: elapsed)
            })
        return try await poller.run(onChange: onChange)
    }
}

extension DevCenterClient {
    /// Waits for a submission with a ``SubmissionWaiter``.
    public func waitForSubmission(
        productID: Int64, submissionID: Int64, options: WaitOptions = WaitOptions(),
        onChange: (@Sendable (WorkflowChange<Submission>) async -> Void)? = nil
    ) async throws -> Submission {
        try await SubmissionWaiter(client: self, options: options)
            .wait(productID: productID, submissionID: submissionID, onChange: onChange)
    }
}
