/// Where a submission stands by the completion rules of the service.
///
/// `state == completed` on a step other than `finalizeIngestion` is progress, not success:
/// two public tools shipped that bug.
public enum SubmissionProgress: Sendable, Hashable {
    /// Still moving through the pipeline (or not committed yet).
    case inProgress
    /// Signed: a `signedPackage` download exists, or `finalizeIngestion` completed.
    case succeeded
    /// Failed at `step` (when known), with the service's messages and error report URL.
    case failed(step: WorkflowStep?, messages: [String], errorReport: String?)

    public var isFinal: Bool { self != .inProgress }
}

extension Submission {
    /// The submission's progress under the service's completion rules.
    public var progress: SubmissionProgress {
        let status = workflowStatus
        if status?.state == .failed || commitStatus == .commitFailed {
            var messages = status?.messages ?? []
            messages += downloads?.messages ?? []
            return .failed(step: status?.currentStep, messages: messages, errorReport: status?.errorReport)
        }
        if downloadURL(.signedPackage) != nil { return .succeeded }
        if status?.currentStep == .finalizeIngestion && status?.state == .completed { return .succeeded }
        return .inProgress
    }
}
