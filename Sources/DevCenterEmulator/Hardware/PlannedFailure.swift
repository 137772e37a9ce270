import DevCenter

/// A failure set up by a test: the submission fails when the pipeline reaches `step`.
public struct PlannedFailure: Sendable, Hashable, Codable {
    public var step: WorkflowStep
    public var messages: [String]

    public init(step: WorkflowStep, messages: [String] = []) {
        self.step = step
        self.messages = messages
    }
}
