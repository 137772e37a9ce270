/// How often and how long to retry: exponential back-off with full jitter, `Retry-After`
/// honoured, a maximum number of attempts and an overall deadline.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 turns retrying off.
    public var maximumAttempts: Int
    /// The back-off ceiling before the first retry.
    public var initialDelay: Duration
    /// The back-off ceiling never grows past this.
    public var maximumDelay: Duration
    /// How the ceiling grows from one retry to the next.
    public var multiplier: Double
    /// The time one operation may take with all its attempts and waits; no retry starts that
    /// could not begin before it.
    public var deadline: Duration
    /// A `Retry-After` longer than this is not waited for: the error is reported instead.
    public var maximumRetryAfter: Duration
    public var jitter: Jitter

    /// How a back-off is drawn below its ceiling.
    public enum Jitter: Sendable, Hashable {
        /// Uniformly between zero and the ceiling ("full jitter"), so many clients do not retry in step.
        case full
        /// Exactly the ceiling: predictable, for tests.
        case none
    }

    public init(
        maximumAttempts: Int = 6, initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(30),
        multiplier: Double = 2, deadline: Duration = .seconds(300), maximumRetryAfter: Duration = .seconds(300),
        jitter: Jitter = .full
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
        self.deadline = deadline
        self.maximumRetryAfter = maximumRetryAfter
        self.jitter = jitter
    }

    /// Six attempts over at most five minutes, starting at half a second.
    public static let `default` = RetryPolicy()

    /// One attempt, no retries.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// The wait before retry number `retry` (1 for the first retry): at least `retryAfter` when
    /// the service sent one. `unitRandom` is a number in 0...1.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?, unitRandom: Double) -> Duration {
        let growth = pow(multiplier, Double(max(0, retry - 1)))
        let ceiling = min(maximumDelay.seconds, initialDelay.seconds * growth)
        let drawn = jitter == .full ? ceiling * min(1, max(0, unitRandom)) : ceiling
        let backoff = Duration.clampedSeconds(drawn)
        guard let retryAfter else { return backoff }
        return max(retryAfter, backoff)
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var n = Int(exponent)
    while n > 0 {
        result *= base
        n -= 1
        if result > 1e12 { break }
    }
    return result
}
