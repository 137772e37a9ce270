/// Waits for a shipping label to publish (or share), or to reach Microsoft's approval, or to
/// fail, by ``ShippingLabel/progress(until:)``, with the same polling, change reports and
/// deadline as ``SubmissionWaiter``.
public struct ShippingLabelWaiter: Sendable {
    public let client: DevCenterClient
    public var options: WaitOptions

    public init(client: DevCenterClient, options: WaitOptions = WaitOptions()) {
        self.client = client
        self.options = options
    }

    /// Polls until the label reaches `milestone` (by default, published or shared) and returns
    /// it as last fetched. Waiting for ``ShippingLabelMilestone/approval`` of a label shared with
    /// a partner fails at the first poll with kind `invalidInput`: it has no approval step.
    public func wait(
        productID: Int64, submissionID: Int64, labelID: Int64, until milestone: ShippingLabelMilestone = .published,
        onChange: (@Sendable (WorkflowChange<ShippingLabel>) async -> Void)? = nil
    ) async throws -> ShippingLabel {
        let name = "shipping label \(labelID) of submission \(submissionID)"
        let poller = WorkflowPoller<ShippingLabel>(
            resourceName: name, options: options,
            correlationID: client.correlationID,
            fetchReport: "fetch the label again (GET /products/\(productID)/submissions/\(submissionID)/shippingLabels/\(labelID)) for a freshly signed URL, and download that",
            reportStep: .downloadLabelErrorReport,
            clock: client.clock, logger: client.logger,
            fetch: { [client] in
                let label = try await client.shippingLabel(productID: productID, submissionID: submissionID, labelID: labelID)
                if milestone == .approval, label.destination == .anotherPartner {
                    throw DevCenterError(
                        kind: .invalidInput,
                        message: "\(name) is shared with a partner (destination anotherPartner), so it has no Microsoft approval to wait for",
                        advice: "Wait for it to be shared (the label's last step) instead.", retryable: false,
                        operation: "waiting for \(name)", nextStep: .waitUntilShared
                    ).with(correlationID: client.correlationID)
                }
                return label
            },
            progress: { $0.progress(until: milestone) },
            snapshot: { label, elapsed in
                WorkflowChange(
                    resource: label, step: label.workflowStatus?.currentStep, state: label.workflowStatus?.state,
                    commitStatus: nil, elapsed: elapsed)
            })
        return try await poller.run(onChange: onChange)
    }
}

extension DevCenterClient {
    /// Waits for a shipping label with a ``ShippingLabelWaiter``.
    public func waitForShippingLabel(
        productID: Int64, submissionID: Int64, labelID: Int64, until milestone: ShippingLabelMilestone = .published,
        options: WaitOptions = WaitOptions(), onChange: (@Sendable (WorkflowChange<ShippingLabel>) async -> Void)? = nil
    ) async throws -> ShippingLabel {
        try await ShippingLabelWaiter(client: self, options: options)
            .wait(productID: productID, submissionID: submissionID, labelID: labelID, until: milestone, onChange: onChange)
    }
}
