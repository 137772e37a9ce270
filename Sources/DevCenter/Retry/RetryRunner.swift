import Logging

/// Runs any async operation under a ``RetryPolicy`` and the rules of its ``OperationClass``:
/// API calls, token requests, and blob transfers alike.
///
/// Errors thrown by the attempt that are ``DevCenterError``s are classified; `CancellationError`
/// and any other error end the operation at once. Waiting uses the injected ``DevCenterClock``.
public struct RetryRunner: Sendable {
    public var policy: RetryPolicy
    public var clock: DevCenterClock
    public var rateLimiter: RequestRateLimiter?
    /// Returns a number in 0...1 for jitter; replaceable for tests.
    public var unitRandom: @Sendable () -> Double

    public init(policy: RetryPolicy = .default, clock: DevCenterClock = .system, rateLimiter: RequestRateLimiter? = nil) {
        self.policy = policy
        self.clock = clock
        self.rateLimiter = rateLimiter
        self.unitRandom = { Double.random(in: 0...1) }
    }

    /// Runs `attempt` until it succeeds or the rules say stop.
    ///
    /// - Parameters:
    ///   - operation: what is being done, for log lines (`POST /products`).
    ///   - operationClass: how safe it is to repeat.
    ///   - refreshCredentials: called once, on the first 401, before sending again; `nil` when
    ///     credentials cannot be refreshed (the 401 is then reported).
    ///   - reconcile: after an ambiguous failure of a create or commit, finds out whether it took
    ///     effect: the result when it did, `nil` when it did not. It throws to stop (for example
    ///     with ``DevCenterError/uncertainOutcome(operation:check:cause:details:)``). Without it,
    ///     an ambiguous failure is reported as is.
    ///   - attempt: one try; receives the attempt number, starting at 1.
    public func run<T: Sendable>(
        _ operation: String, as operationClass: OperationClass, logger: Logger,
        refreshCredentials: (@Sendable () async -> Bool)? = nil,
        reconcile: (@Sendable (DevCenterError) async throws -> T?)? = nil,
        attempt: @Sendable (Int) async throws -> T
    ) async throws -> T {
        var machine = RequestStateMachine(
            operationClass: operationClass, policy: policy, startedAt: clock.now,
            canRefreshCredentials: refreshCredentials != nil)
        while true {
            machine.startAttempt()
            if let rateLimiter { try await rateLimiter.acquire() }
            let failure: DevCenterError
            do {
                return try await attempt(machine.attempts)
            } catch let error as DevCenterError {
                failure = error
            }
            var metadata: Logger.Metadata = ["error": "\(failure.message)"]
            if let id = failure.requestID { metadata["ms-request-id"] = "\(id)" }
            var action = machine.failed(failure, now: clock.now, unitRandom: unitRandom())
            if case .reconcile(let delay) = action {
                guard let reconcile else { throw failure.with(attempts: machine.attempts) }
                logger.notice(
                    "\(operation) may have taken effect despite the failure; checking in \(delay.humanReadable) before anything else",
                    metadata: metadata)
                try await clock.sleep(for: delay)
                if let result = try await reconcile(failure) { return result }
                guard let next = machine.reconciled(landed: false, now: clock.now) else {
                    throw failure.with(attempts: machine.attempts)
                }
                action = next
            }
            switch action {
            case .refreshCredentialsAndRetry:
                logger.debug("\(operation) was refused with 401; getting a fresh token and sending it again")
                guard let refreshCredentials, await refreshCredentials() else {
                    throw failure.with(attempts: machine.attempts)
                }
            case .retry(let delay) where delay == .zero:
                break
            case .retry(let delay):
                logger.notice(
                    "\(operation) failed; retrying in \(delay.humanReadable) (attempt \(machine.attempts + 1) of \(policy.maximumAttempts))",
                    metadata: metadata)
                try await clock.sleep(for: delay)
            case .fail(let error):
                throw error
            case .reconcile:
                throw failure.with(attempts: machine.attempts)
            }
        }
    }
}
