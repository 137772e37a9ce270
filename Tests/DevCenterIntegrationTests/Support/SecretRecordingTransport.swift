import DevCenter
import Logging
import NIOConcurrencyHelpers

/// The real transport, noting every secret that passes through it (bearer tokens, issued access
/// tokens, client secrets in token requests, SAS signatures), so a test can prove that none of
/// them reached a log; and the method, URL and headers of every request, so a test can check
/// what was sent.
final class SecretRecordingTransport: HTTPTransport {
    /// A request as sent, without its body (blocks of an upload are not kept).
    struct Sent: Sendable {
        var method: String
        var url: String
        var headers: TransportHeaders
    }

    private let inner: any HTTPTransport
    private let seen = NIOLockedValueBox<Set<String>>([])
    private let sentRequests = NIOLockedValueBox<[Sent]>([])

    init(_ inner: any HTTPTransport = AsyncHTTPClientTransport.shared) { self.inner = inner }

    var secrets: Set<String> { seen.withLockedValue { $0 } }

    /// Every request sent so far, in order.
    var sent: [Sent] { sentRequests.withLockedValue { $0 } }

    func send(_ request: TransportRequest, logger: Logger) async throws -> TransportResponse {
        record(request)
        let response = try await inner.send(request, logger: logger)
        record(response)
        return response
    }

    func send(
        _ request: TransportRequest, logger: Logger, receivingBody receive: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> TransportResponse {
        record(request)
        let response = try await inner.send(request, logger: logger, receivingBody: receive)
        record(response)
        return response
    }

    private func record(_ request: TransportRequest) {
        sentRequests.withLockedValue { $0.append(Sent(method: request.method, url: request.url, headers: request.headers)) }
        var found: [String] = []
        if let auth = request.headers["Authorization"], auth.hasPrefix("Bearer ") { found.append(String(auth.dropFirst(7))) }
        // Only forms carry a client secret; package bytes are not scanned.
        if request.headers["Content-Type"]?.contains("x-www-form-urlencoded") == true {
            let form = String(decoding: request.body ?? [], as: UTF8.self)
            found += Self.values(of: "client_secret", in: form) + Self.values(of: "client_assertion", in: form)
        }
        // A managed identity endpoint's header, a GitHub token request's bearer.
        if let header = request.headers["X-IDENTITY-HEADER"] { found.append(header) }
        found += Self.values(of: "sig", in: request.url)
        remember(found)
    }

    private func record(_ response: TransportResponse) {
        // Tokens and SAS URLs come in JSON answers; blob bytes are not scanned.
        guard response.headers["Content-Type"]?.contains("json") == true else { return }
        var found: [String] = []
        if let json = try? JSONValue(parsing: response.body) {
            // Access tokens, and the OIDC token of a GitHub-style token request.
            found += [json["access_token"]?.stringValue, json["value"]?.stringValue].compactMap { $0 }
        }
        found += Self.values(of: "sig", in: response.bodyText)
        remember(found)
    }

    private func remember(_ found: [String]) { seen.withLockedValue { $0.formUnion(found.filter { $0.count >= 4 }) } }

    /// The values of `key=` in a query, form or text holding URLs (percent-encoded as sent).
    static func values(of key: String, in text: String) -> [String] {
        var values: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: key + "=") {
            let before = range.lowerBound == rest.startIndex ? nil : rest[rest.index(before: range.lowerBound)]
            rest = rest[range.upperBound...]
            guard before == nil || before == "?" || before == "&" else { continue }
            let value = rest.prefix { !"&\"' <>\\".contains($0) }
            if !value.isEmpty { values.append(String(value)) }
        }
        return values
    }
}
