import Logging

/// What sends HTTP requests for DevCenter: AsyncHTTPClient in production, an in-memory
/// transport in unit tests.
///
/// A transport reports a failure to get an answer as a ``DevCenterError`` of kind
/// ``DevCenterError/Kind/network`` or ``DevCenterError/Kind/timeout`` whose
/// ``DevCenterError/delivery`` says whether the request may have reached the server: that is
/// what decides whether a create may be sent again. Any HTTP answer, whatever its status, is
/// returned, not thrown. Cancellation is reported as `CancellationError`.
public protocol HTTPTransport: Sendable {
    func send(_ request: TransportRequest, logger: Logger) async throws -> TransportResponse
}
