import DevCenter
import Logging
import NIOConcurrencyHelpers

/// The real transport, noting every secret that passes through it (bearer tokens, issued access
/// tokens, client secrets in token requests, SAS signatures), so a test can prove that none of
/// them reached a log.
final class SecretRecordingTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let seen = NIOLockedValueBox<Set<String>>([])

    init(_ inner: any HTTPTransport = AsyncHTTPClientTransport.shared) { self.inner = inner }

    var secrets: Set<String> { seen.withLockedValue { $0 } }

    func send(_ request: TransportRequest, logger: Logger) async throws -> TransportResponse {
        var found: [String] = []
        if let auth = request.headers["Authorization"], auth.hasPrefix("Bearer ") { found.append(String(auth.dropFirst(7))) }
        found += Self.values(of: "client_secret", in: String(decoding: request.body ?? [], as: UTF8.self))
        found += Self.values(of: "sig", in: request.url)
        defer { seen.withLockedValue { $0.formUnion(found.filter { $0.count >= 4 }) } }
        let response = try await inner.send(request, logger: logger)
        let text = response.bodyText
        if let json = try? JSONValue(parsing: response.body), let token = json["access_token"]?.stringValue { found.append(token) }
        found += Self.values(of: "sig", in: text)
        return response
    }

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
