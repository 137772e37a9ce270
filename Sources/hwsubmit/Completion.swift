/// What Tab does to the line: text to insert at the cursor, and what to show below it.
struct Completion: Equatable {
    /// Inserted at the cursor (the part all candidates share beyond what is typed).
    var insertion = ""
    /// Every name that could follow, listed when nothing more can be inserted.
    var candidates: [String] = []
    /// A line shown below the prompt, such as a function's parameters.
    var hint: String?

    /// One candidate: a name, and whether it names a function (completed with `(`).
    struct Candidate: Hashable {
        let name: String
        let isFunction: Bool
    }

    /// The completion of `prefix` by `candidates`: the whole name (and `(` for a function)
    /// when only one fits, else as much as all those that fit share.
    init(prefix: String, candidates: some Sequence<Candidate>) {
        var fitting: [String: Bool] = [:]
        for candidate in candidates where candidate.name.hasPrefix(prefix) {
            fitting[candidate.name] = (fitting[candidate.name] ?? false) || candidate.isFunction
        }
        let names = fitting.keys.sorted()
        self.candidates = names
        guard let first = names.first else { return }
        if names.count == 1 {
            insertion = String(first.dropFirst(prefix.count)) + (fitting[first]! ? "(" : "")
            return
        }
        var shared = Array(first.utf8)
        for name in names.dropFirst() {
            let bytes = Array(name.utf8)
            var n = 0
            while n < shared.count, n < bytes.count, shared[n] == bytes[n] { n += 1 }
            shared.removeSubrange(n...)
        }
        insertion = String(decoding: shared.dropFirst(prefix.utf8.count), as: UTF8.self)
    }

    init(hint: String? = nil) {
        self.hint = hint
    }
}

/// Computes what Tab completes, from the text before the cursor.
protocol Completer {
    func complete(_ textBeforeCursor: [UInt8]) -> Completion
}

/// Candidates laid out in columns, as shells list them.
struct CandidateColumns {
    /// More than this many are cut, with a count of the rest.
    static let limit = 300

    let text: String

    init(_ names: [String], width: Int) {
        var shown = Array(names.prefix(Self.limit))
        let columnWidth = (shown.map(\.count).max() ?? 0) + 2
        let columns = max(1, width / max(columnWidth, 1))
        let rows = (shown.count + columns - 1) / columns
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < shown.count else { break }
                let name = shown[index]
                let isLast = column == columns - 1 || (column + 1) * rows + row >= shown.count
                line += isLast ? name : name + String(repeating: " ", count: columnWidth - name.count)
            }
            lines.append(line)
        }
        if names.count > shown.count {
            lines.append("…and \(names.count - shown.count) more; type more of the name")
        }
        shown.removeAll()
        text = lines.joined(separator: "\n")
    }
}
