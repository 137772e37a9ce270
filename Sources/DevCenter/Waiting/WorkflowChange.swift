/// What a waiter reports when a resource's step, state or commit status changes.
public struct WorkflowChange<Resource: Sendable>: Sendable {
    /// The resource as last fetched, with all its fields.
    public var resource: Resource
    public var step: WorkflowStep?
    public var state: WorkflowState?
    /// The submission's commit status; `nil` for shipping labels.
    public var commitStatus: CommitStatus?
    /// Time since the wait began.
    public var elapsed: Duration

    public init(resource: Resource, step: WorkflowStep?, state: WorkflowState?, commitStatus: CommitStatus?, elapsed: Duration) {
        self.resource = resource
        self.step = step
        self.state = state
        self.commitStatus = commitStatus
        self.elapsed = elapsed
    }

    /// "scanning: started (commitReceived)", for progress lines.
    public var summary: String {
        var text = step.map(\.rawValue) ?? "no workflow status yet"
        if let state { text += ": \(state.rawValue)" }
        if let commitStatus { text += " (\(commitStatus.rawValue))" }
        return text
    }
}
