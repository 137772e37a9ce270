import NIOConcurrencyHelpers

/// Counts a transfer's bytes from many tasks and calls the progress handler at most once per
/// interval (and at each change of phase), in order, never two calls at once.
///
/// The rate is measured over a sliding window of recent samples, so it follows a link that
/// speeds up or stalls rather than averaging over the whole transfer.
final class ProgressReporter: Sendable {
    private struct State {
        var progress: TransferProgress
        var lastReport: Duration?
        /// (time, bytes moved by this run), oldest first, spanning about ``window``.
        var samples: [(Duration, Int64)] = []
        var moved: Int64 = 0
    }

    static let window: Duration = .seconds(5)

    private let handler: TransferProgressHandler?
    private let interval: Duration
    private let clock: DevCenterClock
    private let started: Duration
    /// Held while the handler runs, so reports arrive one at a time and in order.
    private let state: NIOLockedValueBox<State>

    init(direction: TransferProgress.Direction, totalBytes: Int64, interval: Duration, clock: DevCenterClock,
         handler: TransferProgressHandler?) {
        self.handler = handler
        self.interval = interval
        self.clock = clock
        self.started = clock.now
        self.state = NIOLockedValueBox(State(progress: TransferProgress(
            direction: direction, phase: .preparing, bytesDone: 0, totalBytes: totalBytes)))
    }

    var current: TransferProgress { state.withLockedValue { $0.progress } }

    /// Sets the size once it is known (a download learns it from the blob's properties).
    func setTotal(_ bytes: Int64) {
        state.withLockedValue { $0.progress.totalBytes = bytes }
    }

    /// Moves to `phase` and reports it at once.
    func enter(_ phase: TransferProgress.Phase) {
        update(force: true) { $0.progress.phase = phase }
    }

    /// Counts bytes found at the service from an earlier run.
    func resumed(_ bytes: Int) {
        update(force: false) {
            $0.progress.resumedBytes += Int64(bytes)
            $0.progress.bytesDone += Int64(bytes)
        }
    }

    /// Counts bytes moved by this run.
    func moved(_ bytes: Int) {
        update(force: false) {
            $0.progress.bytesDone += Int64(bytes)
            $0.moved += Int64(bytes)
        }
    }

    /// Takes back bytes counted for a range that is being fetched again.
    func retracted(_ bytes: Int) {
        update(force: false) {
            $0.progress.bytesDone -= Int64(bytes)
            $0.moved -= Int64(bytes)
        }
    }

    private func update(force: Bool, _ change: (inout State) -> Void) {
        let now = clock.now
        state.withLockedValue { s in
            change(&s)
            // Samples at least a tenth of a second apart (the newest slides), a window's worth.
            if s.samples.count >= 2, now - s.samples[s.samples.count - 2].0 < Self.window / 50 {
                s.samples[s.samples.count - 1] = (now, s.moved)
            } else {
                s.samples.append((now, s.moved))
            }
            while s.samples.count > 2, now - s.samples[1].0 >= Self.window { s.samples.removeFirst() }
            guard let handler else { return }
            if !force, let last = s.lastReport, now - last < interval { return }
            s.lastReport = now
            s.progress.elapsed = now - started
            s.progress.bytesPerSecond = Self.rate(s.samples)
            handler(s.progress)
        }
    }

    /// Bytes per second between the oldest and newest sample; 0 until time has passed.
    private static func rate(_ samples: [(Duration, Int64)]) -> Double {
        guard let first = samples.first, let last = samples.last else { return 0 }
        let seconds = (last.0 - first.0).seconds
        return seconds > 0 ? max(0, Double(last.1 - first.1) / seconds) : 0
    }
}
