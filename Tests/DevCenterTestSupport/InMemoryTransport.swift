import DevCenter
import Logging
import NIOConcurrencyHelpers

/// A transport that answers from a closure and records every request, for unit tests that need
/// no network.
public final class InMemoryTransport: HTTPTransport {
    public typealias Handler = @Sendable (TransportRequest) async throws -> TransportResponse

    private let handler: Handler
    private let recorded = NIOLockedValueBox<[TransportRequest]>([])

    public init(_ handler: @escaping Handler) { self.handler = handler }

    public func send(_ request: TransportRequest, logger: Logger) async throws -> TransportResponse {
        recorded.withLockedValue { $0.append(request) }
        return try await handler(request)
    }

    /// Every request sent so far, in order.
    public var requests: [TransportRequest] { recorded.withLockedValue { $0 } }

    /// The requests whose method is `method` and whose URL path ends with `pathSuffix`.
    public func requests(_ method: String, _ pathSuffix: String) -> [TransportRequest] {
        requests.filter { $0.method == method && $0.path.hasSuffix(pathSuffix) }
    }
}

extension TransportRequest {
    /// The URL's path, without scheme, host and query.
    public var path: String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let slash = rest.firstIndex(of: "/") { rest = rest[slash...] } else { rest = "/" }
        if let q = rest.firstIndex(of: "?") { rest = rest[..<q] }
        return String(rest)
    }

    /// The URL's query, without `?`, or `nil`.
    public var query: String? {
        url.firstIndex(of: "?").map { String(url[url.index(after: $0)...]) }
    }

    public var bodyText: String { String(decoding: body ?? [], as: UTF8.self) }

    public var jsonBody: JSONValue? { body.flatMap { try? JSONValue(parsing: $0) } }
}

extension TransportResponse {
    /// A JSON answer with status 200.
    public static func json(_ value: JSONValue, headers: TransportHeaders = [:]) -> TransportResponse {
        json(200, value, headers: headers)
    }

    /// A JSON answer.
    public static func json(_ status: Int, _ value: JSONValue, headers: TransportHeaders = [:]) -> TransportResponse {
        json(status, text: value.jsonText, headers: headers)
    }

    /// A JSON answer with status 200 from literal text.
    public static func json(text: String, headers: TransportHeaders = [:]) -> TransportResponse {
        json(200, text: text, headers: headers)
    }

    /// A JSON answer from literal text.
    public static func json(_ status: Int, text: String, headers: TransportHeaders = [:]) -> TransportResponse {
        var headers = headers
        headers.add("Content-Type", "application/json")
        return TransportResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    /// An empty answer (202, 204).
    public static func empty(_ status: Int) -> TransportResponse { TransportResponse(status: status) }
}

/// A counter tests share with transport handlers.
public final class Counter: Sendable {
    private let value = NIOLockedValueBox(0)
    public init() {}
    /// Adds one and returns the new count.
    @discardableResult public func next() -> Int { value.withLockedValue { $0 += 1; return $0 } }
    public var count: Int { value.withLockedValue { $0 } }
}
