import DevCenter
import Foundation

/// The emulator's idea of now: real time plus an offset that tests move forward instead of sleeping.
///
/// Everything time-dependent reads it: token and SAS expiry, pipeline steps, rate-limit windows.
/// A stopped clock (``init(followsRealTime:)`` with `false`) moves only when advanced, so a
/// test of steps measured in seconds holds on a machine too busy to run it promptly.
public final class EmulatorClock: Sendable {
    private let offset = LockedValue<Double>(0)
    /// The instant a stopped clock stays at (before its offset), or nil when it follows real time.
    private let stoppedAt: Date?

    public init(followsRealTime: Bool = true) {
        stoppedAt = followsRealTime ? nil : Date()
    }

    /// The current time as the emulator sees it.
    public var now: Date { (stoppedAt ?? Date()).addingTimeInterval(offset.withLock { $0 }) }

    /// How far the clock has been moved ahead of real time, in seconds.
    public var offsetSeconds: Double { offset.withLock { $0 } }

    /// Moves the clock forward by `seconds` (negative values are refused).
    public func advance(bySeconds seconds: Double) {
        guard seconds.isFinite, seconds > 0 else { return }
        offset.withLock { $0 += seconds }
    }

    func reset() { offset.withLock { $0 = 0 } }
}
