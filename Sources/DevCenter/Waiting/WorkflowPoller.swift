import Logging

/// The polling loop behind ``SubmissionWaiter`` and ``ShippingLabelWaiter``.
struct WorkflowPoller<Resource: Sendable>: Sendable {
    /// "submission 12 of product 34", for messages.
    let resourceName: String
    let options: WaitOptions
    /// The client's `MS-CorrelationId`, for the errors the poller raises itself.
    let correlationID: String?
    /// How to fetch the error report of a failure, in words, for its advice.
    var fetchReport: String? = nil
    /// The same as an action, for each face of the API to name its call.
    var reportStep: DevCenterError.NextStep? = nil
    let clock: DevCenterClock
    let logger: Logger
    let fetch: @Sendable () async throws -> Resource
    let progress: @Sendable (Resource) -> SubmissionProgress
    let snapshot: @Sendable (Resource, Duration) -> WorkflowChange<Resource>

    private struct Key: Equatable {
        var step: WorkflowStep?
        var state: WorkflowState?
        var commitStatus: CommitStatus?
    }

    func run(onChange: (@Sendable (WorkflowChange<Resource>) async -> Void)?) async throws -> Resource {
        let start = clock.now
        var interval = options.pollInterval
        var last: Key?
        var lastSummary = "not fetched yet"
        // The failure and deadline errors name the last request made, as every error does.
        let requests = RequestIDRecorder()
        while true {
            do {
                let resource = try await RequestIDRecorder.$current.withValue(requests) { try await fetch() }
                let change = snapshot(resource, clock.now - start)
                let key = Key(step: change.step, state: change.state, commitStatus: change.commitStatus)
                if key != last {
                    last = key
                    lastSummary = change.summary
                    interval = options.pollInterval
                    logger.info("\(resourceName): \(change.summary)")
                    await onChange?(change)
                } else {
                    interval = min(options.maximumPollInterval, interval * options.backoffFactor)
                }
                switch progress(resource) {
                case .succeeded:
                    return resource
                case .failed(let step, let messages, let report):
                    throw DevCenterError.workflowFailed(
                        resource: resourceName, step: step, messages: messages, errorReportURL: report,
                        operation: "waiting for \(resourceName)", fetchReport: fetchReport, reportStep: reportStep
                    ).with(correlationID: correlationID, requestID: requests.last)
                case .inProgress:
                    break
                }
            } catch let error as DevCenterError where error.retryable {
                // A long wait outlives passing outages: keep polling until the deadline.
                logger.warning("\(resourceName): polling failed, will poll again: \(error.message)")
                lastSummary = "last poll failed: \(error.message)"
            }
            let remaining = start + options.deadline - clock.now
            guard remaining > .zero else {
                throw DevCenterError.waitDeadlineExceeded(
                    resource: resourceName, deadline: options.deadline, lastStatus: lastSummary,
                    neverCommitted: last?.commitStatus == .commitPending)
                    .with(correlationID: correlationID, requestID: requests.last)
            }
            try await clock.sleep(for: min(interval, remaining))
        }
    }
}
