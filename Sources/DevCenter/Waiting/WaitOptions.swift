/// How a waiter polls: an interval that grows while nothing changes, and an overall deadline.
public struct WaitOptions: Sendable, Hashable {
    /// The pause after a poll that saw a change (and before the second poll).
    public var pollInterval: Duration
    /// The pause never grows past this.
    public var maximumPollInterval: Duration
    /// How the pause grows after each poll that saw no change.
    public var backoffFactor: Double
    /// How long to wait in all before reporting ``DevCenterError/Kind/timeout``.
    public var deadline: Duration

    public init(
        pollInterval: Duration = .seconds(30), maximumPollInterval: Duration = .seconds(300),
        backoffFactor: Double = 1.5, deadline: Duration = .seconds(6 * 3600)
    ) {
        self.pollInterval = max(pollInterval, .milliseconds(10))
        self.maximumPollInterval = max(maximumPollInterval, self.pollInterval)
        self.backoffFactor = max(1, backoffFactor)
        self.deadline = deadline
    }
}
