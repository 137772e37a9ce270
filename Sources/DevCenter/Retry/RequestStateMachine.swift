/// The decisions of one operation's attempts, as a value type with no I/O, so every rule is
/// tested without a network or a clock.
///
/// The driver (``RetryRunner``) calls ``startAttempt()`` before each send and feeds each failure
/// to ``failed(_:now:unitRandom:)``; after a ``Action/reconcile(after:)`` it reports what the
/// lookup found with ``reconciled(landed:now:)``.
struct RequestStateMachine {
    enum Action: Equatable {
        /// Get a fresh token, then send again at once (a 401, once per operation).
        case refreshCredentialsAndRetry
        /// Wait this long, then send again.
        case retry(after: Duration)
        /// Wait this long, then find out whether the failed request took effect. The wait is the
        /// back-off a retry would have had: it lets a request still in flight at the service land
        /// before the lookup, so the lookup does not miss it.
        case reconcile(after: Duration)
        /// Give up with this error.
        case fail(DevCenterError)
    }

    let operationClass: OperationClass
    let policy: RetryPolicy
    let startedAt: Duration
    let canRefreshCredentials: Bool
    private(set) var attempts = 0
    private var refreshedCredentials = false
    private var pendingError: DevCenterError?

    init(operationClass: OperationClass, policy: RetryPolicy, startedAt: Duration, canRefreshCredentials: Bool) {
        self.operationClass = operationClass
        self.policy = policy
        self.startedAt = startedAt
        self.canRefreshCredentials = canRefreshCredentials
    }

    mutating func startAttempt() { attempts += 1 }

    mutating func failed(_ error: DevCenterError, now: Duration, unitRandom: Double) -> Action {
        let error = error.with(attempts: attempts)
        if error.status == 401, canRefreshCredentials, !refreshedCredentials {
            refreshedCredentials = true
            return .refreshCredentialsAndRetry
        }
        switch operationClass.disposition(after: error) {
        case .fail: return .fail(error)
        case .retry: return retry(after: error, now: now, unitRandom: unitRandom)
        case .reconcile:
            pendingError = error
            if error.retryable, case .retry(let delay) = retry(after: error, now: now, unitRandom: unitRandom) {
                return .reconcile(after: delay)
            }
            // No attempt is left, but whether this one landed must still be found out.
            return .reconcile(after: .zero)
        }
    }

    /// The lookup after ``Action/reconcile(after:)`` found (`true`) or did not find (`false`) the
    /// effect. When it found it, the operation is done and no action follows; when it did not, the
    /// request is sent again at once (the back-off was taken before the lookup), if allowed.
    mutating func reconciled(landed: Bool, now: Duration) -> Action? {
        guard let error = pendingError else { return nil }
        pendingError = nil
        if landed { return nil }
        guard error.retryable, attempts < policy.maximumAttempts, now < startedAt + policy.deadline else { return .fail(error) }
        return .retry(after: .zero)
    }

    private func retry(after error: DevCenterError, now: Duration, unitRandom: Double) -> Action {
        guard attempts < policy.maximumAttempts else {
            return .fail(attempts > 1 ? error.noting("gave up after \(attempts) attempts") : error)
        }
        if let asked = error.retryAfter, asked > policy.maximumRetryAfter { return .fail(error) }
        let delay = policy.delay(beforeRetry: attempts, retryAfter: error.retryAfter, unitRandom: unitRandom)
        guard now + delay < startedAt + policy.deadline else {
            let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
            return .fail(error.noting("gave up after \(tries): another would not start within the operation's \(policy.deadline.humanReadable) deadline"))
        }
        return .retry(after: delay)
    }
}
