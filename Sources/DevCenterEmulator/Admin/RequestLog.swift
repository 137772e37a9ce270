import DevCenter

/// The most recent requests, for tests that prove what was (and was not) sent.
final class RequestLog: Sendable {
    static let capacity = 20_000
    private let state = LockedValue<(entries: [RequestLogEntry], next: Int)>(([], 1))

    /// Takes the next sequence number when a request arrives.
    func nextSequence() -> Int {
        state.withLock { s in
            defer { s.next += 1 }
            return s.next
        }
    }

    func append(_ entry: RequestLogEntry) {
        state.withLock { s in
            s.entries.append(entry)
            if s.entries.count > Self.capacity { s.entries.removeFirst(s.entries.count - Self.capacity) }
        }
    }

    /// The entries in order of arrival.
    var entries: [RequestLogEntry] { state.withLock { $0.entries.sorted { $0.sequence < $1.sequence } } }

    func clear() { state.withLock { $0.entries = [] } }
}
