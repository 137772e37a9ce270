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

    /// Sends `request` and hands the body of a successful (2xx) answer to `receive` piece by piece
    /// as it arrives, instead of collecting it, so a download of any size passes through a small
    /// buffer. The returned response then has an empty body; any other answer is returned whole.
    ///
    /// An error thrown by `receive` (a full disk) ends the exchange and is rethrown as is. The
    /// default implementation collects the body with ``send(_:logger:)`` and passes it in one piece.
    func send(
        _ request: TransportRequest, logger: Logger, receivingBody receive: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> TransportResponse
}

extension HTTPTransport {
    public func send(
        _ request: TransportRequest, logger: Logger, receivingBody receive: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> TransportResponse {
        var response = try await send(request, logger: logger)
        guard response.isSuccess else { return response }
        try response.body.withUnsafeBytes { try receive($0) }
        response.body = []
        return response
    }
}
