/// Splits decoded INF text into sections and entries, by the rules Windows setup applies.
///
/// - `;` outside quotes starts a comment that runs to the end of the line.
/// - `"…"` quotes a value (commas, `;` and `=` inside are literal); `""` inside quotes is one `"`.
/// - A `\` as the last character of a line (before any comment) joins the next line to it.
/// - The first `=` outside quotes separates the key; `,` outside quotes separates values.
/// - Unquoted spaces and tabs around keys and values are dropped.
///
/// One pass over the text, with no backtracking: time and memory are linear in its size.
struct INFLineReader {
    private let scalars: [Unicode.Scalar]
    private let limits: INFFile.Limits
    private var position = 0
    private var lineNumber = 0
    private var diagnostics: [String] = []

    init(scalars: [Unicode.Scalar], limits: INFFile.Limits) {
        self.scalars = scalars
        self.limits = limits
    }

    mutating func readSections() -> (sections: [INFFile.Section], diagnostics: [String]) {
        var sections: [INFFile.Section] = []
        var orphanLines = 0
        while position < scalars.count {
            guard lineNumber < limits.maxLines else {
                note("stopped reading at line \(lineNumber): more than \(limits.maxLines) lines")
                break
            }
            let startLine = lineNumber + 1
            skipSpaces()
            if position < scalars.count, scalars[position] == "[" {
                lineNumber += 1
                let name = readSectionHeader()
                guard sections.count < limits.maxSections else {
                    note("stopped reading at line \(startLine): more than \(limits.maxSections) sections")
                    break
                }
                sections.append(INFFile.Section(name: name, entries: [], line: startLine))
                continue
            }
            guard let entry = readEntry(startLine: startLine) else { continue }
            if sections.isEmpty {
                orphanLines += 1
                if orphanLines == 1 { note("line \(startLine): text before the first [section] is ignored") }
                continue
            }
            sections[sections.count - 1].entries.append(entry)
        }
        return (sections, diagnostics)
    }

    private mutating func note(_ message: String) {
        if diagnostics.count < 100 { diagnostics.append(message) }
    }

    private func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{1A}" || c == "\u{FEFF}" }
    private func isLineEnd(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }

    private mutating func skipSpaces() {
        while position < scalars.count, isSpace(scalars[position]) { position += 1 }
    }

    /// Consumes one line end (`\r\n`, `\n` or `\r`) if there is one.
    private mutating func consumeLineEnd() {
        guard position < scalars.count else { return }
        if scalars[position] == "\r" {
            position += 1
            if position < scalars.count, scalars[position] == "\n" { position += 1 }
        } else if scalars[position] == "\n" {
            position += 1
        }
    }

    private mutating func skipToLineEnd() {
        while position < scalars.count, !isLineEnd(scalars[position]) { position += 1 }
    }

    /// Reads `[name]` and drops the rest of the line.
    private mutating func readSectionHeader() -> String {
        position += 1
        var name = String.UnicodeScalarView()
        var closed = false
        while position < scalars.count, !isLineEnd(scalars[position]) {
            let c = scalars[position]
            position += 1
            if c == "]" {
                closed = true
                break
            }
            if name.count < limits.maxValueLength { name.append(c) }
        }
        if !closed { note("line \(lineNumber): section header has no closing ]") }
        skipToLineEnd()
        consumeLineEnd()
        return String(name).trimmingSpacesAndTabs
    }

    /// One field being read: its scalars, and how far it reaches without trailing unquoted spaces.
    private struct Field {
        var text: [Unicode.Scalar] = []
        var significantEnd = 0
        var endsWithUnquotedBackslash = false

        mutating func append(_ c: Unicode.Scalar, significant: Bool, quoted: Bool) {
            text.append(c)
            if significant {
                significantEnd = text.count
                endsWithUnquotedBackslash = !quoted && c == "\\"
            }
        }

        mutating func markQuote() {
            significantEnd = text.count
            endsWithUnquotedBackslash = false
        }

        var value: String { String(String.UnicodeScalarView(text[..<significantEnd])) }
        var isEmpty: Bool { significantEnd == 0 }
    }

    /// Reads one logical line (joining continuations); `nil` for a blank or comment-only line.
    private mutating func readEntry(startLine: Int) -> INFFile.Entry? {
        var key: String?
        var values: [String] = []
        var field = Field()
        var sawSeparator = false
        var quoted = false
        var droppedValues = false
        var sawQuote = false

        func finishField() {
            guard values.count < limits.maxValuesPerEntry else {
                droppedValues = true
                field = Field()
                return
            }
            values.append(field.value)
            field = Field()
        }

        lineNumber += 1
        while position < scalars.count {
            let c = scalars[position]
            if isLineEnd(c) {
                if quoted {
                    note("line \(lineNumber): a quoted value is not closed before the end of the line")
                    quoted = false
                }
                consumeLineEnd()
                if field.endsWithUnquotedBackslash, lineNumber < limits.maxLines {
                    field.text.removeSubrange((field.significantEnd - 1)...)
                    field.significantEnd -= 1
                    field.endsWithUnquotedBackslash = false
                    lineNumber += 1
                    continue
                }
                break
            }
            position += 1
            if c == "\"" {
                sawQuote = true
                if quoted, position < scalars.count, scalars[position] == "\"" {
                    position += 1
                    if field.text.count < limits.maxValueLength { field.append("\"", significant: true, quoted: true) }
                } else {
                    quoted.toggle()
                    field.markQuote()
                }
                continue
            }
            if quoted {
                if field.text.count < limits.maxValueLength { field.append(c, significant: true, quoted: true) }
                continue
            }
            switch c {
            case ";":
                skipToLineEnd()
            case "=" where key == nil && values.isEmpty:
                key = field.value
                field = Field()
                sawSeparator = true
            case ",":
                finishField()
                sawSeparator = true
            default:
                if isSpace(c) {
                    if !field.text.isEmpty { field.append(c, significant: false, quoted: false) }
                } else if field.text.count < limits.maxValueLength {
                    field.append(c, significant: true, quoted: false)
                }
            }
        }
        if key == nil && values.isEmpty && field.isEmpty && !sawSeparator && !sawQuote { return nil }
        finishField()
        if droppedValues { note("line \(startLine): more than \(limits.maxValuesPerEntry) values; the rest are ignored") }
        // `key =` with nothing after it has one empty value; a bare line `value` has no key.
        return INFFile.Entry(key: key, values: values, line: startLine)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpacesAndTabs: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
