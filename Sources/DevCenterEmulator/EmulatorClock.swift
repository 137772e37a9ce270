import DevCenter
import Foundation

/// The emulator's idea of now: real time plus an offset that tests move forward instead of sleeping.
///
/// Everything time-dependent reads it: token and SAS expiry, pipeline steps, rate-limit windows.
public final class EmulatorClock: Sendable {
    private let offset = LockedValue<Double>(0)

    public init() {}

    /// The current time as the emulator sees it.
    public var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    /// How far the clock has been moved ahead of real time, in seconds.
    public var offsetSeconds: Double { offset.withLock { $0 } }

    /// Moves the clock forward by `seconds` (negative values are refused).
    public func advance(bySeconds seconds: Double) {
        guard seconds.isFinite, seconds > 0 else { return }
        offset.withLock { $0 += seconds }
    }

    func reset() { offset.withLock { $0 = 0 } }
}
