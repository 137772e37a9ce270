/// Waits for a shipping label to publish (or share) or to fail, by ``ShippingLabel/progress``,
/// with the same polling, change reports and deadline as ``SubmissionWaiter``.
public struct ShippingLabelWaiter: Sendable {
    public let client: DevCenterClient
    public var options: WaitOptions

    public init(client: DevCenterClient, options: WaitOptions = WaitOptions()) {
        self.client = client
        self.options = options
    }

    public func wait(
        productID: Int64, submissionID: Int64, labelID: Int64,
        onChange: (@Sendable (WorkflowChange<ShippingLabel>) async -> Void)? = nil
    ) async throws -> ShippingLabel {
        let poller = WorkflowPoller<ShippingLabel>(
            resourceName: "shipping label \(labelID) of submission \(submissionID)", options: options,
            correlationID: client.correlationID,
            fetchReport: "fetch the label again (GET /products/\(productID)/submissions/\(submissionID)/shippingLabels/\(labelID)) for a freshly signed URL, and download that (hdc.download(url, path) in a script, BlobDownloader in Swift)",
            clock: client.clock, logger: client.logger,
            fetch: { [client] in
                try await client.shippingLabel(productID: productID, submissionID: submissionID, labelID: labelID)
            },
            progress: { $0.progress },
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
        productID: Int64, submissionID: Int64, labelID: Int64, options: WaitOptions = WaitOptions(),
        onChange: (@Sendable (WorkflowChange<ShippingLabel>) async -> Void)? = nil
    ) async throws -> ShippingLabel {
        try await ShippingLabelWaiter(client: self, options: options)
            .wait(productID: productID, submissionID: submissionID, labelID: labelID, onChange: onChange)
    }
}
