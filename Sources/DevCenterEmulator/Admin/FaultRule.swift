import Foundation

/// One injected fault: which route it hits, what it does, and to which requests.
///
/// ```json
/// {"route": "POST /products/{productId}/submissions", "status": 503, "retryAfter": 2, "count": 1}
/// {"route": "PUT blob?comp=block", "status": 500, "nth": 3}
/// {"route": "GET /products/{productId}", "drop": true, "probability": 0.2, "seed": 7}
/// {"route": "*", "delayMs": 250, "count": 10}
/// {"route": "POST /products", "drop": true, "after": true}
/// ```
public struct FaultRule: Codable, Sendable, Hashable {
    /// `METHOD /path/template` as in the request log (`GET /products/{productId}`), a blob
    /// operation (`PUT blob?comp=block`), a token route (`POST /{tenant}/oauth2/token`), or `*` for any.
    public var route: String
    /// The status to answer with, in the route's own error shape; `nil` with `delayMs` only delays.
    public var status: Int?
    /// The error code in the body (defaults by status: `invalidInput`, `entityNotFound`, `InternalError`, …).
    public var code: String?
    public var message: String?
    /// Seconds for a `Retry-After` header.
    public var retryAfter: Int?
    /// Write `Retry-After` as an HTTP date (`retryAfter` seconds from now, by the emulator's
    /// clock) instead of a number of seconds: the other form RFC 9110 allows.
    public var retryAfterDate: Bool?
    /// Milliseconds to wait before answering (or before dropping, or before passing the request on).
    public var delayMs: Int?
    /// Close the connection without answering.
    public var drop: Bool?
    /// Let the request take effect first: the handler runs, then `delayMs`, `status` or `drop`
    /// replace its answer. This is "the request landed but its answer was lost".
    public var after: Bool?
    /// How many matching requests get the fault; default 1, or unlimited when `probability` is set.
    public var count: Int?
    /// The first matching request (1-based) that gets the fault: `nth: 3` lets two through, then faults.
    public var nth: Int?
    /// The chance (0…1) that each matching request gets the fault, drawn from `seed`.
    public var probability: Double?
    public var seed: UInt64?

    public init(
        route: String, status: Int? = nil, code: String? = nil, message: String? = nil, retryAfter: Int? = nil,
        retryAfterDate: Bool? = nil, delayMs: Int? = nil, drop: Bool? = nil, after: Bool? = nil, count: Int? = nil, nth: Int? = nil, probability: Double? = nil,
        seed: UInt64? = nil
    ) {
        self.route = route
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
        self.retryAfterDate = retryAfterDate
        self.delayMs = delayMs
        self.drop = drop
        self.after = after
        self.count = count
        self.nth = nth
        self.probability = probability
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case route, status, code, message, retryAfter, retryAfterDate, delayMs, drop, after, count, nth, probability, seed
    }

    /// Another name for `nth`, accepted when reading.
    private struct AfterNthKey: CodingKey {
        var stringValue: String { "afterNth" }
        var intValue: Int? { nil }
        init() {}
        init?(stringValue: String) { guard stringValue == "afterNth" else { return nil } }
        init?(intValue: Int) { nil }
    }

    /// Any key, to name the ones a rule does not have.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let all = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue) + ["afterNth"])
        if let unknown = all.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: AnyKey(stringValue: unknown)!, in: all,
                debugDescription: "is not a fault rule field (\(CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        route = try c.decode(String.self, forKey: .route)
        status = try c.decodeIfPresent(Int.self, forKey: .status)
        code = try c.decodeIfPresent(String.self, forKey: .code)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        retryAfter = try c.decodeIfPresent(Int.self, forKey: .retryAfter)
        retryAfterDate = try c.decodeIfPresent(Bool.self, forKey: .retryAfterDate)
        delayMs = try c.decodeIfPresent(Int.self, forKey: .delayMs)
        drop = try c.decodeIfPresent(Bool.self, forKey: .drop)
        after = try c.decodeIfPresent(Bool.self, forKey: .after)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
        let alias = try decoder.container(keyedBy: AfterNthKey.self).decodeIfPresent(Int.self, forKey: AfterNthKey())
        nth = try c.decodeIfPresent(Int.self, forKey: .nth) ?? alias
        probability = try c.decodeIfPresent(Double.self, forKey: .probability)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
    }

    /// Problems that make the rule unusable, as `field: message`.
    var problems: [String] {
        var problems: [String] = []
        if route.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("route: is required (for example \"POST /products\" or \"PUT blob?comp=block\")")
        } else if !RouteCatalog.isKnown(route) {
            // A rule for a route that does not exist would never fire.
            let guess = RouteCatalog.closest(to: route).map { "did you mean \"\($0)\"? " } ?? ""
            problems.append(
                "route: \"\(route)\" is not a route of the emulator; \(guess)The routes are \"*\", "
                    + RouteCatalog.names.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        if let status, !(100...599).contains(status) { problems.append("status: must be an HTTP status code (100-599)") }
        if status == nil && delayMs == nil && drop != true { problems.append("status, delayMs or drop: at least one is needed") }
        if after == true && status == nil && drop != true { problems.append("after: needs status or drop (the answer that replaces the handler's)") }
        if let count, count < 1 { problems.append("count: must be at least 1") }
        if let nth, nth < 1 { problems.append("nth: must be at least 1") }
        if let p = probability, !(0...1).contains(p) { problems.append("probability: must be between 0 and 1") }
        if let d = delayMs, d < 0 || d > 600_000 { problems.append("delayMs: must be between 0 and 600000") }
        if let r = retryAfter, r < 0 { problems.append("retryAfter: must not be negative") }
        if retryAfterDate == true && retryAfter == nil { problems.append("retryAfterDate: needs retryAfter (the seconds from now the date names)") }
        return problems
    }
}
