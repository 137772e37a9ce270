import DevCenter
import DevCenterTestSupport
import Testing

@Suite("Running operations under the retry rules")
struct RetryRunnerTests {
    let capture = LogCapture()

    func runner(_ clock: VirtualClock, attempts: Int = 5) -> RetryRunner {
        RetryRunner(policy: RetryPolicy(maximumAttempts: attempts, initialDelay: .seconds(1), jitter: .none), clock: clock.devCenterClock)
    }

    @Test("transient failures are retried with back-off until success")
    func retriesUntilSuccess() async throws {
        let clock = VirtualClock()
        let calls = Counter()
        let result = try await runner(clock).run("GET /products", as: .read, logger: capture.logger) { attempt in
            if calls.next() < 3 { throw DevCenterError.response(status: 503, body: [], operation: "GET /products") }
            return attempt
        }
        #expect(result == 3)
        #expect(clock.sleeps == [.seconds(1), .seconds(2)])
        #expect(capture.text.contains("retrying in 1 s (attempt 2 of 5)"))
    }

    @Test("Retry-After sets the wait")
    func honoursRetryAfter() async throws {
        let clock = VirtualClock()
        let calls = Counter()
        _ = try await runner(clock).run("GET /x", as: .read, logger: capture.logger) { _ in
            if calls.next() == 1 { throw DevCenterError.response(status: 429, body: [], operation: "GET /x", retryAfter: .seconds(17)) }
            return 0
        }
        #expect(clock.sleeps == [.seconds(17)])
    }

    @Test("the last error is reported with the number of attempts")
    func givesUp() async throws {
        let clock = VirtualClock()
        await #expect {
            try await runner(clock, attempts: 3).run("GET /x", as: .read, logger: capture.logger) { _ -> Int in
                throw DevCenterError.response(status: 500, body: [], operation: "GET /x")
            }
        } throws: { error in
            (error as? DevCenterError)?.attempts == 3 && (error as? DevCenterError)?.kind == .server
        }
    }

    @Test("errors that are not DevCenterErrors end the operation at once")
    func foreignErrors() async throws {
        struct Boom: Error {}
        let calls = Counter()
        await #expect(throws: Boom.self) {
            try await runner(VirtualClock()).run("op", as: .read, logger: capture.logger) { _ -> Int in
                calls.next()
                throw Boom()
            }
        }
        #expect(calls.count == 1)
    }

    @Test("a reconciled create returns what the lookup found and is not sent again")
    func reconcileFound() async throws {
        let calls = Counter()
        let result = try await runner(VirtualClock()).run(
            "POST /products", as: .create, logger: capture.logger,
            reconcile: { _ in 42 }
        ) { _ -> Int in
            calls.next()
            throw DevCenterError.network(operation: "POST /products", underlying: "reset", delivery: .uncertain)
        }
        #expect(result == 42)
        #expect(calls.count == 1)
    }

    @Test("cancellation stops a retry wait")
    func cancellation() async throws {
        let clock = VirtualClock()
        let task = Task {
            try await runner(clock).run("GET /x", as: .read, logger: capture.logger) { _ -> Int in
                withUnsafeCurrentTask { $0?.cancel() }
                throw DevCenterError.response(status: 503, body: [], operation: "GET /x")
            }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
