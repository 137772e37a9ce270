/// Text made safe to write to a terminal: the control characters a terminal acts on (escape
/// sequences that set the clipboard or the window title, move the cursor or erase what was
/// shown) are written out as Lua writes them in a string, `\27` (`\027` before a digit), so
/// they are seen, not obeyed.
/// Tabs, newlines and carriage returns are kept.
///
/// ```swift
/// TerminalText.escapingControls("a\u{1B}]52;c;eA==\u{07}b")   // "a\\27]52;c;eA==\\7b"
/// ```
public enum TerminalText {
    public static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            guard isControl(scalar) else {
                out.append(scalar)
                continue
            }
            // Three digits before a digit, as Lua's %q writes it, so that "\0275" reads back
            // as ESC and "5", not as one number.
            var digits = String(scalar.value)
            if i + 1 < scalars.count, ("0"..."9").contains(scalars[i + 1]) {
                digits = String(repeating: "0", count: 3 - digits.count) + digits
            }
            out.append(contentsOf: "\\\(digits)".unicodeScalars)
        }
        return String(out)
    }

    /// C0 controls but tab, newline and carriage return; DEL; the C1 controls (U+0080–U+009F,
    /// which some terminals obey as the 8-bit forms of the escape sequences).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00..<0x20, 0x7F, 0x80...0x9F: true
        default: false
        }
    }
}
