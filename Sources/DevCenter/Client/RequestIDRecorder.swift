import NIOConcurrencyHelpers

/// Notes the `MS-RequestId` of every request a client sends on the current task, so that an
/// error raised after those requests succeeded (a waiter's deadline, a failed workflow) can
/// still name the last request made, as support asks.
final class RequestIDRecorder: Sendable {
    @TaskLocal static var current: RequestIDRecorder?

    private let value = NIOLockedValueBox<String?>(nil)

    /// The request ID recorded last, if any.
    var last: String? { value.withLockedValue { $0 } }

    func record(_ requestID: String) { value.withLockedValue { $0 = requestID } }
}
