import AsyncHTTPClient
@testable import DevCenter
import Logging
import Testing

@Suite("What the AsyncHTTPClient transport knows about delivery")
struct AsyncHTTPClientTransportTests {
    func classify(_ error: any Error, bodyUnsent: Bool = false) -> DevCenterError {
        AsyncHTTPClientTransport.classify(error, operation: "POST /products", timeout: .seconds(5), bodyUnsent: bodyUnsent)
    }

    @Test("a connection that could not be made means the request was not sent")
    func notSent() {
        for error in [HTTPClientError.connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout] {
            #expect(classify(error).delivery == .notSent, "\(error)")
            #expect(classify(error).kind == .network)
        }
    }

    @Test("a connection lost or a deadline passed after sending leaves the outcome uncertain, unless the body never left")
    func uncertain() {
        #expect(classify(HTTPClientError.remoteConnectionClosed).delivery == .uncertain)
        #expect(classify(HTTPClientError.remoteConnectionClosed, bodyUnsent: true).delivery == .notSent)
        let deadline = classify(HTTPClientError.deadlineExceeded)
        #expect(deadline.kind == .timeout && deadline.delivery == .uncertain && deadline.retryable)
        #expect(classify(HTTPClientError.readTimeout).kind == .timeout)
    }

    @Test("a refused connection on loopback is reported as not sent, naming the operation")
    func refusedOnLoopback() async throws {
        let transport = AsyncHTTPClientTransport()
        await #expect {
            // Port 1 is privileged and served by nothing here.
            try await transport.send(
                TransportRequest(method: "POST", url: "http://127.0.0.1:1/v2.0/my/hardware/products?sig=abc", body: [1], timeout: .seconds(2)),
                logger: Logger(label: "test"))
        } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.kind == .network && e.delivery == .notSent && e.operation == "POST http://127.0.0.1:1/v2.0/my/hardware/products"
                && e.message.contains("could not connect to 127.0.0.1:1: Connection refused (errno 111)")
                && !e.message.contains(") (errno")
        }
        try await transport.shutdown()
    }
}
