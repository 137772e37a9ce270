import DevCenter
import Foundation

/// One request the emulator answered (admin requests are not logged).
///
/// `query` has the value of any `sig` (and anything else secret) replaced by `<redacted>`;
/// bodies and headers are not kept, so no secret or token reaches the log.
public struct RequestLogEntry: Codable, Sendable, Hashable {
    /// 1, 2, 3, … in the order requests arrived.
    public var sequence: Int
    public var method: String
    /// The route's name: `POST /products/{productId}/submissions`, `PUT blob?comp=block`, `POST /{tenant}/oauth2/token`.
    public var route: String
    /// The path as requested, for example `/v2.0/my/hardware/products/14631253285588839`.
    public var path: String
    public var query: String
    public var status: Int
    /// When the request arrived and when its answer was ready, by the emulator's clock.
    public var start: Date
    public var end: Date
    /// What an injected fault did to the request (`status 503`, `dropped`, `delayed 200ms`, `rate limited`), if anything.
    public var fault: String?

    enum CodingKeys: String, CodingKey { case sequence, method, route, path, query, status, start, end, fault }

    public init(sequence: Int, method: String, route: String, path: String, query: String, status: Int, start: Date, end: Date, fault: String?) {
        self.sequence = sequence
        self.method = method
        self.route = route
        self.path = path
        self.query = query
        self.status = status
        self.start = start
        self.end = end
        self.fault = fault
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try c.decode(Int.self, forKey: .sequence)
        method = try c.decode(String.self, forKey: .method)
        route = try c.decode(String.self, forKey: .route)
        path = try c.decode(String.self, forKey: .path)
        query = try c.decode(String.self, forKey: .query)
        status = try c.decode(Int.self, forKey: .status)
        let s = try c.decode(String.self, forKey: .start), e = try c.decode(String.self, forKey: .end)
        guard let start = ISOTime.parse(s), let end = ISOTime.parse(e) else {
            throw DecodingError.dataCorruptedError(forKey: .start, in: c, debugDescription: "start and end must be ISO 8601 times")
        }
        self.start = start
        self.end = end
        fault = try c.decodeIfPresent(String.self, forKey: .fault)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(method, forKey: .method)
        try c.encode(route, forKey: .route)
        try c.encode(path, forKey: .path)
        try c.encode(query, forKey: .query)
        try c.encode(status, forKey: .status)
        try c.encode(ISOTime.string(start, fractional: true), forKey: .start)
        try c.encode(ISOTime.string(end, fractional: true), forKey: .end)
        try c.encodeIfPresent(fault, forKey: .fault)
    }

    /// `query` as the log keeps it: redacted by DevCenter's ``Redactor`` (the `sig` of a SAS
    /// URL, tokens, secrets), the one redaction the product has.
    static func redact(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        return Redactor.standard.redact(query)
    }
}
