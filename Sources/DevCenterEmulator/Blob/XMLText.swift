import Foundation

/// The little XML the blob endpoint reads and writes: escaping, and the `<BlockList>` body.
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// One entry of a Put Block List body: which list the block is taken from, and its ID.
    enum BlockReference: Equatable {
        case committed(String), uncommitted(String), latest(String)
        var id: String {
            switch self {
            case .committed(let id), .uncommitted(let id), .latest(let id): return id
            }
        }
    }

    /// Reads `<BlockList><Latest>id</Latest>…</BlockList>`; `nil` when the body is not such a list.
    static func parseBlockList(_ text: String) -> [BlockReference]? {
        guard let open = text.range(of: "<BlockList>"), let close = text.range(of: "</BlockList>", range: open.upperBound..<text.endIndex)
        else { return nil }
        var references: [BlockReference] = []
        var rest = text[open.upperBound..<close.lowerBound]
        while let start = rest.firstIndex(of: "<") {
            rest = rest[start...]
            guard let tagEnd = rest.firstIndex(of: ">") else { return nil }
            let tag = rest[rest.index(after: rest.startIndex)..<tagEnd]
            guard ["Latest", "Committed", "Uncommitted"].contains(tag),
                let closing = rest.range(of: "</\(tag)>")
            else { return nil }
            let id = unescape(rest[rest.index(after: tagEnd)..<closing.lowerBound]).trimmingCharacters(in: .whitespaces)
            switch tag {
            case "Latest": references.append(.latest(id))
            case "Committed": references.append(.committed(id))
            default: references.append(.uncommitted(id))
            }
            rest = rest[closing.upperBound...]
        }
        return references
    }
}
