@testable import DevCenter
import Testing

@Suite("The retry rules of each operation class")
struct RequestStateMachineTests {
    let policy = RetryPolicy(maximumAttempts: 4, initialDelay: .seconds(1), maximumDelay: .seconds(8), deadline: .seconds(60), maximumRetryAfter: .seconds(30), jitter: .none)

    func status(_ code: Int, retryAfter: Duration? = nil, body: String = "") -> DevCenterError {
        .response(status: code, body: Array(body.utf8), operation: "X /x", retryAfter: retryAfter)
    }
    let dropped = DevCenterError.network(operation: "X /x", underlying: "connection reset", delivery: .uncertain)
    let refused = DevCenterError.network(operation: "X /x", underlying: "connection refused", delivery: .notSent)
    let timedOut = DevCenterError.timeout(operation: "X /x", after: .seconds(60))

    func machine(_ c: OperationClass, refresh: Bool = true) -> RequestStateMachine {
        var m = RequestStateMachine(operationClass: c, policy: policy, startedAt: .zero, canRefreshCredentials: refresh)
        m.startAttempt()
        return m
    }

    @Test("reads and idempotent writes retry every transient failure", arguments: [OperationClass.read, .idempotentWrite])
    func idempotent(_ c: OperationClass) {
        for failure in [status(408), status(429), status(500), status(502), status(503), status(504), dropped, refused, timedOut] {
            var m = machine(c)
            #expect(m.failed(failure, now: .zero, unitRandom: 0) == .retry(after: .seconds(1)), "\(failure.message)")
        }
        for failure in [status(400), status(403), status(404), status(409), status(501)] {
            var m = machine(c)
            #expect(m.failed(failure, now: .zero, unitRandom: 0) == .fail(failure), "\(failure.message)")
        }
    }

    @Test("a create is retried only when provably not processed, and reconciled when it may have been")
    func create() {
        for failure in [refused, status(429), status(408)] {
            var m = machine(.create)
            #expect(m.failed(failure, now: .zero, unitRandom: 0) == .retry(after: .seconds(1)), "\(failure.message)")
        }
        for failure in [dropped, timedOut, status(500), status(502), status(503), status(504)] {
            var m = machine(.create)
            #expect(m.failed(failure, now: .zero, unitRandom: 0) == .reconcile(after: .seconds(1)), "\(failure.message)")
        }
        var m = machine(.create)
        #expect(m.failed(status(400), now: .zero, unitRandom: 0) == .fail(status(400)))
    }

    @Test("after the back-off and the lookup, a create that did not land is sent again; one that did needs nothing more")
    func reconcileOutcomes() {
        var m = machine(.create)
        #expect(m.failed(status(502), now: .zero, unitRandom: 0) == .reconcile(after: .seconds(1)))
        #expect(m.reconciled(landed: false, now: .seconds(1)) == .retry(after: .zero))
        m.startAttempt()
        #expect(m.failed(dropped, now: .seconds(1), unitRandom: 0) == .reconcile(after: .seconds(2)))
        #expect(m.reconciled(landed: true, now: .seconds(3)) == nil)
    }

    @Test("the last attempt is still reconciled, then reported")
    func reconcileLastAttempt() {
        var m = RequestStateMachine(operationClass: .create, policy: RetryPolicy.none, startedAt: .zero, canRefreshCredentials: false)
        m.startAttempt()
        #expect(m.failed(dropped, now: .zero, unitRandom: 0) == .reconcile(after: .zero))
        #expect(m.reconciled(landed: false, now: .zero) == .fail(dropped))
    }

    @Test("a commit refused as invalid state is checked, and reported if it did not land")
    func commitInvalidState() {
        let refusedState = status(400, body: #"{"error": {"code": "requestInvalidForCurrentState"}}"#)
        var m = machine(.commit)
        #expect(m.failed(refusedState, now: .zero, unitRandom: 0) == .reconcile(after: .zero))
        #expect(m.reconciled(landed: false, now: .zero) == .fail(refusedState))
        var n = machine(.commit)
        #expect(n.failed(status(404), now: .zero, unitRandom: 0) == .fail(status(404)))
    }

    @Test("a 401 refreshes credentials once, then fails")
    func unauthorizedOnce() {
        var m = machine(.read)
        #expect(m.failed(status(401), now: .zero, unitRandom: 0) == .refreshCredentialsAndRetry)
        m.startAttempt()
        var second = status(401)
        second.attempts = 2
        #expect(m.failed(status(401), now: .zero, unitRandom: 0) == .fail(second))
        var fixed = machine(.read, refresh: false)
        #expect(fixed.failed(status(401), now: .zero, unitRandom: 0) == .fail(status(401)))
    }

    @Test("attempts, the deadline and an excessive Retry-After end the retrying")
    func limits() {
        var m = machine(.read)
        #expect(m.failed(status(503), now: .zero, unitRandom: 0) == .retry(after: .seconds(1)))
        m.startAttempt()
        #expect(m.failed(status(503), now: .seconds(1), unitRandom: 0) == .retry(after: .seconds(2)))
        m.startAttempt()
        #expect(m.failed(status(503), now: .seconds(3), unitRandom: 0) == .retry(after: .seconds(4)))
        m.startAttempt()
        if case .fail(let e) = m.failed(status(503), now: .seconds(7), unitRandom: 0) {
            #expect(e.attempts == 4)
        } else {
            Issue.record("the fifth attempt must not be made")
        }

        var late = machine(.read)
        if case .fail = late.failed(status(503, retryAfter: .seconds(20)), now: .seconds(45), unitRandom: 0) {} else {
            Issue.record("a retry that would start past the deadline must not be scheduled")
        }
        var patient = machine(.read)
        #expect(patient.failed(status(429, retryAfter: .seconds(20)), now: .zero, unitRandom: 0) == .retry(after: .seconds(20)))
        var tooLong = machine(.read)
        if case .fail = tooLong.failed(status(429, retryAfter: .seconds(31)), now: .zero, unitRandom: 0) {} else {
            Issue.record("a Retry-After beyond the maximum is reported, not waited for")
        }
    }
}
