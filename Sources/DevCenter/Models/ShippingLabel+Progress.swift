extension ShippingLabel {
    /// The label's progress: done when its last step (`finalizePublishing` for Windows Update,
    /// `finalizeSharing` for sharing) completed; failed when any step failed.
    public var progress: SubmissionProgress {
        guard let status = workflowStatus else { return .inProgress }
        if status.state == .failed {
            return .failed(step: status.currentStep, messages: status.messages, errorReport: status.errorReport)
        }
        let finalSteps: [WorkflowStep] = [Self.windowsUpdateSteps.last!, Self.sharingSteps.last!]
        if status.state == .completed, let step = status.currentStep, finalSteps.contains(step) { return .succeeded }
        return .inProgress
    }
}
