import DevCenter
import Foundation
import Testing

@Suite("Back-off and Retry-After")
struct RetryPolicyTests {
    @Test("the back-off ceiling doubles up to the maximum")
    func exponential() {
        let policy = RetryPolicy(initialDelay: .milliseconds(500), maximumDelay: .seconds(3), jitter: .none)
        let delays = (1...5).map { policy.delay(beforeRetry: $0, retryAfter: nil, unitRandom: 0.5) }
        #expect(delays == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3)])
    }

    @Test("full jitter draws between zero and the ceiling")
    func fullJitter() {
        let policy = RetryPolicy(initialDelay: .seconds(4), jitter: .full)
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil, unitRandom: 0) == .zero)
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil, unitRandom: 0.25) == .seconds(1))
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil, unitRandom: 1) == .seconds(4))
    }

    @Test("Retry-After is a floor under the back-off")
    func retryAfterFloor() {
        let policy = RetryPolicy(jitter: .full)
        #expect(policy.delay(beforeRetry: 1, retryAfter: .seconds(7), unitRandom: 1) == .seconds(7))
    }

    @Test("Retry-After in seconds, as an HTTP date, and in milliseconds")
    func parseRetryAfter() {
        let now = Date(timeIntervalSince1970: 1_784_000_000)
        #expect(RetryAfter.parse(["Retry-After": "12"], now: now) == .seconds(12))
        #expect(RetryAfter.parse(["retry-after": " 0 "], now: now) == .zero)
        let date = RetryAfter.parse(["Retry-After": "Sun, 12 Jul 2026 03:33:50 GMT"], now: Date(timeIntervalSince1970: 1_783_827_200))
        #expect(date == .seconds(30))
        #expect(RetryAfter.parse(["Retry-After": "Sun, 06 Nov 1994 08:49:37 GMT"], now: now) == .zero, "a date in the past")
        #expect(RetryAfter.parse(["x-ms-retry-after-ms": "1500", "Retry-After": "9"], now: now) == .milliseconds(1500))
        #expect(RetryAfter.parse(["Retry-After": "soon"], now: now) == nil)
        #expect(RetryAfter.parse([:], now: now) == nil)
    }
}
