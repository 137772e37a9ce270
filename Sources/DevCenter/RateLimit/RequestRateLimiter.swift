/// Keeps requests under a per-minute limit on the client side, so that a script creating
/// hundreds of submissions waits its turn instead of bouncing off the service's 429s.
///
/// A sliding window: no 60-second span ever holds more than ``requestsPerMinute`` starts.
/// Each caller reserves its slot before waiting, so concurrent callers queue fairly.
public actor RequestRateLimiter {
    public nonisolated let requestsPerMinute: Int
    private let clock: DevCenterClock
    private let window: Duration = .seconds(60)
    /// Start times of the most recent requests (at most ``requestsPerMinute``), oldest first.
    private var starts: [Duration] = []

    public init(requestsPerMinute: Int, clock: DevCenterClock = .system) {
        self.requestsPerMinute = max(1, requestsPerMinute)
        self.clock = clock
    }

    /// Waits until one more request may start, and counts it.
    public func acquire() async throws {
        try Task.checkCancellation()
        let now = clock.now
        var slot = now
        if starts.count >= requestsPerMinute {
            slot = max(now, starts[starts.count - requestsPerMinute] + window)
        }
        starts.append(slot)
        if starts.count > requestsPerMinute { starts.removeFirst(starts.count - requestsPerMinute) }
        if slot > now { try await clock.sleep(for: slot - now) }
    }
}
