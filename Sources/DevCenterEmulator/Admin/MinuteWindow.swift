import Foundation

/// A per-minute request count in fixed windows: what the gateway's rate limits count in.
struct MinuteWindow: Sendable {
    private var start: Date?
    private var count = 0

    /// Counts a request at `now` against `limit`; the seconds to wait (`Retry-After`) when the
    /// window is full, `nil` when the request may go on.
    mutating func admit(limit: Int, now: Date) -> Int? {
        if start == nil || now.timeIntervalSince(start!) >= 60 {
            start = now
            count = 0
        }
        guard count < limit else { return max(1, Int((60 - now.timeIntervalSince(start!)).rounded(.up))) }
        count += 1
        return nil
    }
}
