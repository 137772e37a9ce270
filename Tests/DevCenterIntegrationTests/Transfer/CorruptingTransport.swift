import DevCenter
import Logging

/// The real transport, with one bit flipped in the first byte of every successful GET body:
/// data damaged on the way, which only a digest check can catch. With `uploads`, the first
/// byte of every PUT body is flipped on its way out instead (a block damaged in transit).
struct CorruptingTransport: HTTPTransport {
    let inner: any HTTPTransport
    var uploads = false

    func send(_ request: TransportRequest, logger: Logger) async throws -> TransportResponse {
        if uploads { return try await inner.send(Self.damaged(request), logger: logger) }
        var response = try await inner.send(request, logger: logger)
        if request.method == "GET", response.isSuccess, !response.body.isEmpty { response.body[0] ^= 1 }
        return response
    }

    func send(
        _ request: TransportRequest, logger: Logger, receivingBody receive: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> TransportResponse {
        if uploads { return try await inner.send(Self.damaged(request), logger: logger, receivingBody: receive) }
        var first = true
        return try await inner.send(request, logger: logger) { bytes in
            guard first, request.method == "GET", !bytes.isEmpty else { return try receive(bytes) }
            first = false
            var copy = Array(bytes)
            copy[0] ^= 1
            try copy.withUnsafeBytes { try receive($0) }
        }
    }

    private static func damaged(_ request: TransportRequest) -> TransportRequest {
        guard request.method == "PUT", var body = request.body, !body.isEmpty else { return request }
        var copy = request
        body[0] ^= 1
        copy.body = body
        return copy
    }
}
