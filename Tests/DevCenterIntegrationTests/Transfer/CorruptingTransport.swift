import DevCenter
import Logging

/// The real transport, with one bit flipped in the first byte of every successful GET body:
/// data damaged on the way, which only a digest check can catch.
struct CorruptingTransport: HTTPTransport {
    let inner: any HTTPTransport

    func send(_ request: TransportRequest, logger: Logger) async throws -> TransportResponse {
        var response = try await inner.send(request, logger: logger)
        if request.method == "GET", response.isSuccess, !response.body.isEmpty { response.body[0] ^= 1 }
        return response
    }

    func send(
        _ request: TransportRequest, logger: Logger, receivingBody receive: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> TransportResponse {
        var first = true
        return try await inner.send(request, logger: logger) { bytes in
            guard first, request.method == "GET", !bytes.isEmpty else { return try receive(bytes) }
            first = false
            var copy = Array(bytes)
            copy[0] ^= 1
            try copy.withUnsafeBytes { try receive($0) }
        }
    }
}
