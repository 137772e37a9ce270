@testable import HDCLua
import Testing

@Suite("Text made safe for a terminal")
struct TerminalTextTests {
    @Test("control characters are shown as Lua writes them; tab, newline, carriage return and the rest are kept")
    func escapes() {
        #expect(TerminalText.escapingControls("plain text, é, 日本\t\r\n") == "plain text, é, 日本\t\r\n")
        #expect(TerminalText.escapingControls("a\u{1B}]52;c;eA==\u{07}b") == #"a\27]52;c;eA==\7b"#)
        // Before a digit, three digits, so the text reads back as it was.
        #expect(TerminalText.escapingControls("\u{1B}5\u{0}9") == #"\0275\0009"#)
        #expect(TerminalText.escapingControls("\u{7F}\u{9B}2J\u{80}") == #"\127\1552J\128"#)
        #expect(TerminalText.escapingControls("\u{A0}\u{FFFD}") == "\u{A0}\u{FFFD}")
    }

    @Test("a text log line shows them; a JSON one escapes them as JSON does")
    func logLines() {
        let text = StderrLogHandler(label: "t", format: .text, level: .info)
        #expect(text.line(level: .info, message: "a\u{1B}[2J", metadata: ["k": "\u{1B}]0;x\u{07}"]) == #"[info] a\27[2J (k=\27]0;x\7)"#)
        let json = StderrLogHandler(label: "t", format: .json, level: .info)
        let line = json.line(level: .info, message: "a\u{1B}[2J", metadata: [:])
        #expect(line.contains(#""message":"a\u001b[2J""#), "\(line)")
    }
}
