import DevCenter
import NIOConcurrencyHelpers

/// A clock whose time passes only when something sleeps on it (or a test advances it): a sleep
/// returns at once, having moved time to its deadline. Waiting logic is tested without waiting.
public final class VirtualClock: Clock, Sendable {
    public struct Instant: InstantProtocol, Sendable {
        public var offset: Duration
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleeps: [Duration] = []
    }

    private let state = NIOLockedValueBox(State())
    private let onAdvance: (@Sendable (Duration) -> Void)?

    /// - Parameter onAdvance: told how far time moved on each sleep or ``advance(by:)``, so that
    ///   another clock (an emulator's) can move with this one.
    public init(onAdvance: (@Sendable (Duration) -> Void)? = nil) { self.onAdvance = onAdvance }

    public var now: Instant { state.withLockedValue { $0.now } }
    public var minimumResolution: Duration { .nanoseconds(1) }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let moved = state.withLockedValue { state -> Duration in
            let wait = max(.zero, state.now.duration(to: deadline))
            state.sleeps.append(wait)
            if state.now < deadline { state.now = deadline }
            return wait
        }
        if moved > .zero { onAdvance?(moved) }
        await Task.yield()
        try Task.checkCancellation()
    }

    /// Moves time forward without anyone sleeping.
    public func advance(by duration: Duration) {
        state.withLockedValue { $0.now = $0.now.advanced(by: duration) }
        if duration > .zero { onAdvance?(duration) }
    }

    /// Every sleep asked for, in order.
    public var sleeps: [Duration] { state.withLockedValue { $0.sleeps } }

    /// Time since the clock was made.
    public var elapsed: Duration { now.offset }

    /// This clock as DevCenter's time source.
    public var devCenterClock: DevCenterClock { DevCenterClock(self) }
}
