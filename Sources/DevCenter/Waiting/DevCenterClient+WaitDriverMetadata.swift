extension Submission {
    /// The step a wait for driver metadata reports its changes under.
    public static let driverMetadataStep: WorkflowStep = "driverMetadata"
}

extension DevCenterClient {
    /// Asks for a submission's driver metadata when it has none (`createpublishermetadata`,
    /// unless `request` is false), then waits until its `driverMetadata` download appears: at
    /// once when the submission is signed, hours later for a submission a partner shared with
    /// this account. Returns the submission as last fetched.
    ///
    /// The polling, change reports and deadline are ``SubmissionWaiter``'s; changes are reported
    /// under the step ``Submission/driverMetadataStep``, `started` while there is none and
    /// `completed` once it is there. A failed submission fails the wait (it will never have any).
    public func waitForDriverMetadata(
        productID: Int64, submissionID: Int64, request: Bool = true, options: WaitOptions = WaitOptions(),
        onChange: (@Sendable (WorkflowChange<Submission>) async -> Void)? = nil
    ) async throws -> Submission {
        if request {
            let current = try await submission(productID: productID, submissionID: submissionID)
            if current.downloadURL(.driverMetadata) != nil { return current }
            try await requestDriverMetadata(productID: productID, submissionID: submissionID)
        }
        let poller = WorkflowPoller<Submission>(
            resourceName: "the driver metadata of submission \(submissionID) of product \(productID)", options: options,
            correlationID: correlationID, clock: clock, logger: logger,
            fetch: { [self] in try await submission(productID: productID, submissionID: submissionID) },
            progress: { submission in
                if submission.downloadURL(.driverMetadata) != nil { return .succeeded }
                if case .failed = submission.progress { return submission.progress }
                return .inProgress
            },
            snapshot: { submission, elapsed in
                WorkflowChange(
                    resource: submission, step: Submission.driverMetadataStep,
                    state: submission.downloadURL(.driverMetadata) != nil ? .completed : .started,
                    commitStatus: submission.commitStatus, elapsed: elapsed)
            })
        return try await poller.run(onChange: onChange)
    }
}
