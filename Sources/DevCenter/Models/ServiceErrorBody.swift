#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An error answer of the service, read from any of the shapes it sends:
/// `{"error": {"code", "message", "validationErrors"}}`, the same fields at top level, or an HTML page.
public struct ServiceErrorBody: Codable, Sendable, Hashable {
    public var code: ServiceErrorCode?
    public var message: String?
    public var validationErrors: [ValidationError]

    public init(code: ServiceErrorCode?, message: String?, validationErrors: [ValidationError] = []) {
        self.code = code
        self.message = message
        self.validationErrors = validationErrors
    }

    /// One field the service refused, and why.
    public struct ValidationError: Codable, Sendable, Hashable {
        public var target: String?
        public var message: String?

        public init(target: String?, message: String?) {
            self.target = target
            self.message = message
        }
    }

    /// The service's nested shape, `{"error": {…}}`, as the emulator writes it.
    public var wrapped: JSONValue {
        var error: [String: JSONValue] = [:]
        if let code { error["code"] = .string(code.rawValue) }
        if let message { error["message"] = .string(message) }
        error["validationErrors"] = .array(validationErrors.map { v in
            var o: [String: JSONValue] = [:]
            if let t = v.target { o["target"] = .string(t) }
            if let m = v.message { o["message"] = .string(m) }
            return .object(o)
        })
        return ["error": .object(error)]
    }

    /// Reads an error body of any shape; `nil` when it carries nothing usable (empty, or not JSON).
    ///
    /// An HTML page (from a gateway or proxy) yields its `<title>` as the message.
    public static func parse(_ body: some Collection<UInt8>) -> ServiceErrorBody? {
        if let json = try? JSONValue(parsing: body), case .object = json {
            let inner = json["error"]?.objectValue != nil ? json["error"]! : json
            let code = (inner["code"]?.stringValue).map(ServiceErrorCode.init(rawValue:))
            let message = inner["message"]?.stringValue ?? json["message"]?.stringValue
            let validation = (inner["validationErrors"]?.arrayValue ?? json["validationErrors"]?.arrayValue ?? [])
                .map { ValidationError(target: $0["target"]?.stringValue, message: $0["message"]?.stringValue ?? $0.stringValue) }
            if code == nil && message == nil && validation.isEmpty { return nil }
            return ServiceErrorBody(code: code, message: message, validationErrors: validation)
        }
        if let title = htmlTitle(in: Array(body.prefix(64 * 1024))) {
            return ServiceErrorBody(code: nil, message: title)
        }
        return nil
    }

    /// The text of the first `<title>` element, found by bytes (ASCII case-insensitively).
    private static func htmlTitle(in bytes: [UInt8]) -> String? {
        func find(_ needle: String, from start: Int) -> Int? {
            let n = Array(needle.utf8)
            guard bytes.count >= n.count, start <= bytes.count - n.count else { return nil }
            outer: for i in start...(bytes.count - n.count) {
                for j in 0..<n.count where bytes[i + j] | 0x20 != n[j] | 0x20 { continue outer }
                return i
            }
            return nil
        }
        guard let open = find("<title>", from: 0) else { return nil }
        let start = open + 7
        guard let close = find("</title>", from: start) else { return nil }
        let title = String(decoding: bytes[start..<close], as: UTF8.self)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return title.isEmpty ? nil : title
    }
}
