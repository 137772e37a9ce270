extension ShippingLabel {
    /// The label's progress: done when its last step (`finalizePublishing` for Windows Update,
    /// `finalizeSharing` for sharing) completed; failed when any step failed.
    public var progress: SubmissionProgress { progress(until: .published) }

    /// The label's progress towards `milestone`. Failed when any step failed, or when the label
    /// reached `SharingExpiration` (its sharing with the partner lapsed). A step the rules do not
    /// know (a label's step number, kept as given) is progress.
    public func progress(until milestone: ShippingLabelMilestone) -> SubmissionProgress {
        guard let status = workflowStatus else { return .inProgress }
        if status.state == .failed {
            return .failed(step: status.currentStep, messages: status.messages, errorReport: status.errorReport)
        }
        if status.currentStep == .sharingExpiration {
            let said = status.messages.isEmpty ? ["the label's sharing with the partner expired"] : status.messages
            return .failed(step: status.currentStep, messages: said, errorReport: status.errorReport)
        }
        guard let step = status.currentStep else { return .inProgress }
        if milestone == .approval, let reached = Self.windowsUpdateSteps.firstIndex(of: step),
            let approval = Self.windowsUpdateSteps.firstIndex(of: .microsoftApproval),
            reached > approval || (reached == approval && status.state == .completed)
        {
            return .succeeded
        }
        let finalSteps: [WorkflowStep] = [Self.windowsUpdateSteps.last!, Self.sharingSteps.last!]
        if status.state == .completed, finalSteps.contains(step) { return .succeeded }
        return .inProgress
    }
}
