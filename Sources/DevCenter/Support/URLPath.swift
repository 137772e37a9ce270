/// Small helpers for building URLs from path templates.
enum URLPath {
    /// A path segment with everything but unreserved characters percent-encoded.
    static func encodeSegment(_ segment: String) -> String { Redactor.percentEncoded(segment) }

    static func trimmingTrailingSlashes(_ text: String) -> String {
        var s = Substring(text)
        while s.hasSuffix("/") { s.removeLast() }
        return String(s)
    }

    /// A query string (without `?`) from ordered pairs.
    static func query(_ items: [(String, String)]) -> String {
        items.map { "\(Redactor.percentEncoded($0.0))=\(Redactor.percentEncoded($0.1))" }.joined(separator: "&")
    }
}
