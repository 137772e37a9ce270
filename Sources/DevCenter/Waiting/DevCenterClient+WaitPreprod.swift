extension DevCenterClient {
    /// Waits for a pre-production package to be signed (`Succeeded`) or to fail (`Failed`), with
    /// the polling, change reports and deadline of ``SubmissionWaiter``, and returns it as last
    /// fetched. Changes are reported under the step ``PreprodPackage/signingStep`` with the
    /// `signingStatus` as their state; a failure is ``DevCenterError/Kind/workflowFailed`` with
    /// the service's `error.message`.
    public func waitForPreprodPackage(
        id: String, options: WaitOptions = WaitOptions(), onChange: (@Sendable (WorkflowChange<PreprodPackage>) async -> Void)? = nil
    ) async throws -> PreprodPackage {
        let poller = WorkflowPoller<PreprodPackage>(
            resourceName: "pre-production package \(id)", options: options, correlationID: correlationID,
            clock: clock, logger: logger,
            fetch: { [self] in try await preprodPackage(id: id) },
            progress: { $0.progress },
            snapshot: { package, elapsed in
                WorkflowChange(
                    resource: package, step: PreprodPackage.signingStep,
                    state: package.signingStatus.map { WorkflowState(rawValue: $0.rawValue) }, commitStatus: nil, elapsed: elapsed)
            })
        return try await poller.run(onChange: onChange)
    }
}
