/// Sequential 64-bit IDs that never fit a `Double` exactly, so a client that parses them as
/// floating point gets a different number and the mistake shows.
struct IDSequence: Sendable {
    private var next: Int64

    init(start: Int64) { next = start }

    mutating func take() -> Int64 {
        while Int64(exactly: Double(next)) == next { next += 1 }
        defer { next += 1 }
        return next
    }
}
