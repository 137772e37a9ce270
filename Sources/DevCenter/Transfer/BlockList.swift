/// The blocks a blob has at the storage service (Get Block List), and the XML of Put Block List.
struct BlockList: Sendable, Hashable {
    /// Block ID to size, for blocks of the committed blob.
    var committed: [String: Int] = [:]
    /// Block ID to size, for blocks put but not committed.
    var uncommitted: [String: Int] = [:]

    /// The size the service has for block `id`, uncommitted first (as `<Latest>` resolves it).
    func size(of id: String) -> Int? { uncommitted[id] ?? committed[id] }

    /// Whether any block has an ID of another length than `length`: blocks of another client,
    /// which stop blocks of this length from being put.
    func hasIDs(otherThan length: Int) -> Bool {
        committed.keys.contains { $0.utf8.count != length } || uncommitted.keys.contains { $0.utf8.count != length }
    }

    var isEmpty: Bool { committed.isEmpty && uncommitted.isEmpty }

    /// Reads Get Block List's answer: `<BlockList><CommittedBlocks><Block><Name>…</Name><Size>…</Size></Block>…`.
    /// `nil` when it is not that XML.
    init?(xml text: String) {
        guard text.contains("<BlockList") else { return nil }
        for (section, isCommitted) in [("CommittedBlocks", true), ("UncommittedBlocks", false)] {
            guard let body = Self.between("<\(section)>", "</\(section)>", in: Substring(text)) else { continue }
            var rest = body
            while let open = rest.range(of: "<Block>"), let close = rest.range(of: "</Block>", range: open.upperBound..<rest.endIndex) {
                let block = String(rest[open.upperBound..<close.lowerBound])
                rest = rest[close.upperBound...]
                guard let name = XMLText.firstElement("Name", in: block),
                    let size = XMLText.firstElement("Size", in: block).flatMap(Int.init)
                else { return nil }
                if isCommitted { committed[name] = size } else { uncommitted[name] = size }
            }
        }
    }

    init() {}

    /// The body of Put Block List naming `ids` in order, each as `<Latest>` (the uncommitted
    /// block when there is one, else the committed one).
    static func commitBody(_ ids: [String]) -> [UInt8] {
        var text = #"<?xml version="1.0" encoding="utf-8"?><BlockList>"#
        text.reserveCapacity(text.utf8.count + ids.count * 90)
        for id in ids { text += "<Latest>\(id)</Latest>" }
        text += "</BlockList>"
        return Array(text.utf8)
    }

    private static func between(_ open: String, _ close: String, in text: Substring) -> Substring? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex)
        else { return nil }
        return text[start.upperBound..<end.lowerBound]
    }
}
