import NIOConcurrencyHelpers

/// Writes one range of a download into the partial file as it arrives, counting progress, and
/// starting over when the range is fetched again.
final class RangeWriter: StreamedBodyReceiver {
    private let file: PartialFile
    private let offset: Int64
    private let length: Int
    private let reporter: ProgressReporter
    private let operation: String
    private let received = NIOLockedValueBox(0)

    init(file: PartialFile, offset: Int64, length: Int, reporter: ProgressReporter, operation: String) {
        self.operation = operation
        self.file = file
        self.offset = offset
        self.length = length
        self.reporter = reporter
    }

    func beginAttempt() {
        let earlier = received.withLockedValue { count in
            defer { count = 0 }
            return count
        }
        if earlier > 0 { reporter.retracted(earlier) }
    }

    func receive(_ bytes: UnsafeRawBufferPointer) throws {
        let position = received.withLockedValue { $0 }
        guard position + bytes.count <= length else {
            throw DevCenterError.invalidResponse(
                operation: operation,
                detail: "the answer is longer than the \(length) bytes asked for (was the Range header ignored?)")
        }
        try file.write(bytes, at: offset + Int64(position))
        received.withLockedValue { $0 += bytes.count }
        reporter.moved(bytes.count)
    }

    func finishAttempt(operation: String) throws {
        let count = received.withLockedValue { $0 }
        guard count == length else { throw DevCenterError.shortBody(operation: operation, received: count, expected: length) }
    }
}
