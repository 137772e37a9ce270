/// How far a wait for a shipping label goes.
public enum ShippingLabelMilestone: String, Sendable, Hashable, CaseIterable {
    /// The label's last step completed: `finalizePublishing` for Windows Update, `finalizeSharing`
    /// for a label shared with a partner. The default.
    case published
    /// Microsoft approved a Windows Update label: `microsoftApproval` completed, or a later step
    /// reached. Release engineers treat this as ready, since publishing can take weeks after it.
    /// A label shared with a partner has no approval step.
    case approval
}
