import Foundation

/// `name=value&…` text: form bodies (where `+` is a space) and URL queries (where it is not).
enum FormBody {
    /// Parses a form-encoded body; the first occurrence of a name wins.
    static func parse(_ text: String) -> [String: String] { pairs(text, plusIsSpace: true) }

    /// Parses a URL query; `+` stays `+`, as Azure reads SAS signatures.
    static func parseQuery(_ text: String?) -> [String: String] { pairs(text ?? "", plusIsSpace: false) }

    private static func pairs(_ text: String, plusIsSpace: Bool) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0], plusIsSpace)
            let value = parts.count > 1 ? decode(parts[1], plusIsSpace) : ""
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    private static func decode(_ s: Substring, _ plusIsSpace: Bool) -> String {
        let text = plusIsSpace ? s.replacingOccurrences(of: "+", with: " ") : String(s)
        return text.removingPercentEncoding ?? text
    }
}
