#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The time source of everything in DevCenter that waits: retry back-off, the rate limiter,
/// token expiry and the submission waiter.
///
/// Production code uses ``system``; tests pass any `Clock` (for example one that advances
/// virtual time when slept on) so that waiting logic is tested without sleeping.
public struct DevCenterClock: Sendable {
    private let elapsed: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration) async throws -> Void
    private let origin: Date

    /// Wraps `clock`; wall-clock dates are reckoned from `wallClockOrigin` at the clock's present instant.
    public init<C: Clock>(_ clock: C, wallClockOrigin: Date = Date()) where C.Duration == Duration {
        let start = clock.now
        self.elapsed = { start.duration(to: clock.now) }
        self.sleeper = { duration in try await clock.sleep(until: clock.now.advanced(by: duration), tolerance: nil) }
        self.origin = wallClockOrigin
    }

    /// The process's continuous clock and the system's date.
    public static var system: DevCenterClock { DevCenterClock(ContinuousClock()) }

    /// Monotonic time since this clock was made.
    public var now: Duration { elapsed() }

    /// The wall-clock date, for `Retry-After` dates and messages.
    public var date: Date { origin.addingTimeInterval(now.seconds) }

    /// Suspends for `duration`; throws `CancellationError` when the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return try Task.checkCancellation() }
        try await sleeper(duration)
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }

    /// A duration from floating-point seconds; negative and non-finite values give zero.
    static func clampedSeconds(_ value: Double) -> Duration {
        guard value.isFinite, value > 0 else { return .zero }
        return .milliseconds(Int64(min(value, 1e12) * 1000))
    }

    /// Rounded for people: "350 ms", "2.5 s", "3 min 5 s".
    var humanReadable: String {
        let total = seconds
        if total < 1 { return "\(Int((total * 1000).rounded())) ms" }
        if total < 60 {
            let tenths = (total * 10).rounded() / 10
            return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s"
        }
        let whole = Int(total.rounded())
        if whole < 3600 { return whole % 60 == 0 ? "\(whole / 60) min" : "\(whole / 60) min \(whole % 60) s" }
        let minutes = (whole % 3600) / 60
        return minutes == 0 ? "\(whole / 3600) h" : "\(whole / 3600) h \(minutes) min"
    }
}
