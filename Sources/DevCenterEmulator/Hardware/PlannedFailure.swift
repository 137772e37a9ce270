import DevCenter

/// A failure set up by a test: the submission (or shipping label) fails when its pipeline
/// reaches `step`.
public struct PlannedFailure: Sendable, Hashable, Codable {
    public var step: WorkflowStep
    public var messages: [String]

    public init(step: WorkflowStep, messages: [String] = []) {
        self.step = step
        self.messages = messages
    }
}

extension PlannedFailure {
    /// As `GET /_emulator/state` shows it.
    var json: JSONValue {
        ["step": .string(step.rawValue), "messages": .array(messages.map(JSONValue.string))]
    }
}
