import DevCenter
import Logging
import LuaKit

/// Shows a run's uploads and downloads on stderr as `--quiet` and the terminal decide: one
/// line redrawn in place on a terminal (the transfer that moved last, and how many others are
/// under way), a log line every few seconds otherwise, nothing under `--quiet`.
///
/// Progress handlers call it from the transfers' own tasks, so it only formats and writes.
final class TransferProgressDisplay: Sendable {
    private struct Shown {
        var name: String
        var lastLogged: ContinuousClock.Instant?
    }

    private struct State {
        var transfers: [Int: Shown] = [:]
        var nextID = 0
        var lineDrawn = false
    }

    private let mode: ProgressDisplay
    private let logger: Logger
    private let state = LockedValue(State())
    /// How often `lines` mode logs one transfer's progress.
    private static let logInterval = Duration.seconds(10)

    init(mode: ProgressDisplay, logger: Logger) {
        self.mode = mode
        self.logger = logger
    }

    /// Starts showing a transfer named `name` (its file); returns its handle, or nil when
    /// nothing is shown.
    func begin(_ name: String) -> Int? {
        guard mode != .none else { return nil }
        return state.withLock { state in
            state.nextID += 1
            // The first line comes a log interval in: the transfer logs its own start.
            state.transfers[state.nextID] = Shown(name: name, lastLogged: ContinuousClock.now)
            return state.nextID
        }
    }

    func show(_ id: Int, _ progress: TransferProgress) {
        switch mode {
        case .none:
            return
        case .lines:
            let now = ContinuousClock.now
            let due = state.withLock { state -> String? in
                guard var shown = state.transfers[id] else { return nil }
                if let last = shown.lastLogged, now - last < Self.logInterval { return nil }
                shown.lastLogged = now
                state.transfers[id] = shown
                return shown.name
            }
            if let name = due, progress.phase != .done { logger.info("\(name): \(progress)") }
        case .bar:
            let line = state.withLock { state -> String? in
                guard let shown = state.transfers[id] else { return nil }
                state.lineDrawn = true
                let others = state.transfers.count - 1
                return Self.bar(progress.fractionDone) + " " + shown.name + " " + progress.description
                    + (others > 0 ? " (+\(others) more)" : "")
            }
            if let line { LuaStandardStreams.writeError("\r\u{1B}[K" + line) }
        }
    }

    /// Stops showing the transfer; the line is cleared when it was the last one.
    func end(_ id: Int?) {
        guard let id else { return }
        let clear = state.withLock { state -> Bool in
            state.transfers[id] = nil
            guard state.transfers.isEmpty, state.lineDrawn else { return false }
            state.lineDrawn = false
            return true
        }
        if clear { LuaStandardStreams.writeError("\r\u{1B}[K") }
    }

    /// `[########------------]` for a fraction from 0 to 1.
    static func bar(_ fraction: Double, width: Int = 20) -> String {
        let filled = max(0, min(width, Int((fraction * Double(width)).rounded(.down))))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }
}
