import NIOConcurrencyHelpers

/// Hands out the indices 0, 1, 2, … below a count, each once, to the tasks of a transfer, so
/// blocks and ranges are taken in file order however many tasks work on them.
final class BlockIndexQueue: Sendable {
    private let count: Int
    private let nextIndex = NIOLockedValueBox(0)

    init(count: Int) { self.count = count }

    /// The next index, or `nil` when every one has been handed out.
    func next() -> Int? {
        nextIndex.withLockedValue { next in
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
