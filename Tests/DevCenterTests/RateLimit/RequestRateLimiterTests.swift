import DevCenter
import DevCenterTestSupport
import Testing

@Suite("The client-side rate limit")
struct RequestRateLimiterTests {
    @Test("no minute holds more than the limit, and the wait is exactly what it takes")
    func slidingWindow() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(requestsPerMinute: 3, clock: clock.devCenterClock)
        var starts: [Duration] = []
        for _ in 0..<7 {
            try await limiter.acquire()
            starts.append(clock.elapsed)
            clock.advance(by: .seconds(1))
        }
        #expect(starts == [.seconds(0), .seconds(1), .seconds(2), .seconds(60), .seconds(61), .seconds(62), .seconds(120)])
        for i in 3..<starts.count { #expect(starts[i] - starts[i - 3] >= .seconds(60)) }
    }

    @Test("concurrent callers each get their own slot")
    func concurrentCallers() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(requestsPerMinute: 2, clock: clock.devCenterClock)
        let starts = try await withThrowingTaskGroup(of: Duration.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await limiter.acquire()
                    return clock.elapsed
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }.sorted()
        }
        // Six requests at two a minute: two go at once, and the last two wait two minutes.
        // (Virtual time moves when anyone sleeps, so a caller may see a later time than its slot.)
        #expect(starts.filter { $0 == .zero }.count == 2)
        #expect(starts.last == .seconds(120))
        #expect(clock.elapsed == .seconds(120))
    }
}
