import DevCenter
import Foundation
import HTTPTypes

/// Checks the fields of a request body one by one, collecting every problem, so one answer
/// lists all of them as `validationErrors` (with `target` naming the field, dotted for nested ones).
struct FieldChecker {
    let body: [String: JSONValue]
    let prefix: String
    private(set) var errors: [ServiceErrorBody.ValidationError] = []

    init(_ body: [String: JSONValue], prefix: String = "") {
        self.body = body
        self.prefix = prefix
    }

    func target(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    mutating func fail(_ key: String, _ message: String) {
        errors.append(.init(target: target(key), message: message))
    }

    mutating func merge(_ other: FieldChecker) { errors += other.errors }

    private mutating func typed<T>(_ key: String, required: Bool, _ expected: String, _ extract: (JSONValue) -> T?) -> T? {
        guard let value = body[key], !value.isNull else {
            if required { fail(key, "is required") }
            return nil
        }
        guard let result = extract(value) else {
            fail(key, "must be \(expected), got \(value.typeName)")
            return nil
        }
        return result
    }

    mutating func string(_ key: String, required: Bool = false, nonEmpty: Bool = true, maxLength: Int = 256) -> String? {
        guard let s = typed(key, required: required, "a string", \.stringValue) else { return nil }
        if nonEmpty && s.trimmingCharacters(in: .whitespaces).isEmpty {
            fail(key, "must not be empty")
            return nil
        }
        if s.count > maxLength {
            fail(key, "must be at most \(maxLength) characters (it has \(s.count))")
            return nil
        }
        return s
    }

    mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        typed(key, required: required, "true or false", \.boolValue)
    }

    /// An integer, sent as a number or a numeric string (as the service sends IDs and build numbers).
    mutating func int64(_ key: String, required: Bool = false) -> Int64? {
        typed(key, required: required, "an integer or a numeric string", { v in
            switch v {
            case .integer(let i): return i
            case .string(let s): return Int64(s.trimmingCharacters(in: .whitespaces))
            default: return nil
            }
        })
    }

    mutating func object(_ key: String, required: Bool = false) -> [String: JSONValue]? {
        typed(key, required: required, "an object", \.objectValue)
    }

    mutating func array(_ key: String, required: Bool = false) -> [JSONValue]? {
        typed(key, required: required, "an array", \.arrayValue)
    }

    mutating func stringArray(_ key: String, required: Bool = false) -> [String]? {
        guard let items = array(key, required: required) else { return nil }
        var strings: [String] = []
        for (i, item) in items.enumerated() {
            guard let s = item.stringValue else {
                fail("\(key)[\(i)]", "must be a string, got \(item.typeName)")
                continue
            }
            strings.append(s)
        }
        return strings
    }

    /// An ISO 8601 date-time (or date) string: any number of fractional digits, a zone or none (UTC).
    mutating func date(_ key: String, required: Bool = false) -> String? {
        guard let s = string(key, required: required) else { return nil }
        guard ISOTime.parse(s) != nil else {
            fail(key, "must be an ISO 8601 date-time such as 2026-12-01T00:00:00Z (got \"\(s)\")")
            return nil
        }
        return s
    }

    /// Throws `invalidInput` listing every problem found, if there is any: `400`, or for a
    /// shipping label `422` "Validation Failed.", as the service answers.
    func check(_ what: String, status: HTTPResponse.Status = .badRequest) throws(HTTPFailure) {
        guard !errors.isEmpty else { return }
        let summary = errors.prefix(3).map { "\($0.target ?? "body") \($0.message ?? "is invalid")" }.joined(separator: "; ")
        let opening = status == .unprocessableContent ? "Validation Failed. " : ""
        throw .service(status, .invalidInput,
                       "\(opening)The \(what) is invalid: \(summary)\(errors.count > 3 ? "; and \(errors.count - 3) more" : ""). See validationErrors, fix the fields and send it again.",
                       validation: errors)
    }

    /// Refuses a PATCH body that names fields outside `mutable`: `400 updateUnauthorized`, one
    /// validation error per field (`hints` says more about a field that is often misplaced), and
    /// a message saying which fields may change.
    static func refuseUnchangeable(
        _ body: [String: JSONValue], mutable: Set<String>, of what: String, hints: [String: String] = [:]
    ) throws(HTTPFailure) {
        let refused = body.keys.filter { !mutable.contains($0) }.sorted()
        guard !refused.isEmpty else { return }
        throw .service(.badRequest, .updateUnauthorized,
                       "Only \(mutable.sorted().joined(separator: ", ")) of a \(what) may change; \(refused.joined(separator: ", ")) may not.",
                       validation: refused.map { .init(target: $0, message: hints[$0] ?? "may not be changed after the \(what) is created") })
    }
}
