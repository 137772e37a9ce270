/// Where a streamed answer's body goes (a range of a download).
protocol StreamedBodyReceiver: Sendable {
    /// An attempt starts: forget whatever an earlier one wrote.
    func beginAttempt()
    /// The next piece of the body.
    func receive(_ bytes: UnsafeRawBufferPointer) throws
    /// The answer ended: throw when it was short (the attempt is then retried).
    func finishAttempt(operation: String) throws
}

/// The receiver of requests whose answers are collected whole.
struct NoReceiver: StreamedBodyReceiver {
    func beginAttempt() {}
    func receive(_ bytes: UnsafeRawBufferPointer) throws {}
    func finishAttempt(operation: String) throws {}
}
