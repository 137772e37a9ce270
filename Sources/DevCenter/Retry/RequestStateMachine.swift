/// The decisions of one operation's attempts, as a value type with no I/O, so every rule is
/// tested without a network or a clock.
///
/// The driver (``RetryRunner``) calls ``startAttempt()`` before each send and feeds each failure
/// to ``failed(_:now:unitRandom:)``; after a ``Action/reconcile`` it reports what the lookup
/// found with ``reconciled(landed:now:unitRandom:)``.
struct RequestStateMachine {
    enum Action: Equatable {
        /// Get a fresh token, then send again at once (a 401, once per operation).
        case refreshCredentialsAndRetry
        /// Wait this long, then send again.
        case retry(after: Duration)
        /// Find out whether the failed request took effect.
        case reconcile
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
            return .reconcile
        }
    }

    /// The lookup after ``Action/reconcile`` found (`true`) or did not find (`false`) the effect.
    /// When it found it, the operation is done and no action follows.
    mutating func reconciled(landed: Bool, now: Duration, unitRandom: Double) -> Action? {
        guard let error = pendingError else { return nil }
        pendingError = nil
        if landed { return nil }
        return error.retryable ? retry(after: error, now: now, unitRandom: unitRandom) : .fail(error)
    }

    private func retry(after error: DevCenterError, now: Duration, unitRandom: Double) -> Action {
        guard attempts < policy.maximumAttempts else { return .fail(error) }
        if let asked = error.retryAfter, asked > policy.maximumRetryAfter { return .fail(error) }
        let delay = policy.delay(beforeRetry: attempts, retryAfter: error.retryAfter, unitRandom: unitRandom)
        guard now + delay < startedAt + policy.deadline else { return .fail(error) }
        return .retry(after: delay)
    }
}
