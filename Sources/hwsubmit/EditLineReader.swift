import CEditLine
import LuaKit
#if canImport(Glibc)
import Glibc
#endif

/// Reads lines with libedit: emacs keys (and the user's `~/.editrc`), history on Up and
/// Ctrl-R, and Tab completion through a ``Completer``.
///
/// libedit is loaded when the first reader is made (see `Sources/CEditLine`); ``make(historySize:)``
/// says why when it cannot be.
final class EditLineReader: LineReader {
    private let editor: OpaquePointer
    /// Called on Tab with the text before the cursor.
    var completer: Completer?

    private init(editor: OpaquePointer) {
        self.editor = editor
    }

    /// A reader on the terminal, or the reason there is none.
    static func make(historySize: Int) -> Result<EditLineReader, LineEditorUnavailable> {
        guard let editor = hws_editor_open("hwsubmit", Int32(clamping: historySize)) else {
            return .failure(LineEditorUnavailable(reason: String(cString: hws_edit_load_error())))
        }
        let reader = EditLineReader(editor: editor)
        hws_editor_set_completion(editor, { editor, context in
            guard let editor, let context else { return HWS_EDIT_ERROR }
            let reader = Unmanaged<EditLineReader>.fromOpaque(context).takeUnretainedValue()
            return reader.complete(editor)
        }, Unmanaged.passUnretained(reader).toOpaque())
        return .success(reader)
    }

    deinit { hws_editor_close(editor) }

    func read(prompt: String) -> LineReadResult {
        var line: UnsafePointer<CChar>?
        var length: Int32 = 0
        let status = hws_editor_read(editor, prompt, &line, &length)
        return LineReadResult(status: status, line: line.map(UnsafeRawPointer.init), length: Int(length))
    }

    func addToHistory(_ entry: String) {
        hws_editor_history_add(editor, entry)
    }

    /// Tab: completes the name before the cursor as far as all candidates agree, or lists
    /// them below the line when it cannot go further.
    private func complete(_ editor: OpaquePointer) -> Int32 {
        guard let completer else { return HWS_EDIT_ERROR }
        var length: Int32 = 0
        guard let buffer = hws_editor_line_before_cursor(editor, &length) else { return HWS_EDIT_ERROR }
        let before = [UInt8](UnsafeRawBufferPointer(start: buffer, count: Int(length)))
        let completion = completer.complete(before)
        var status = HWS_EDIT_NORM
        if !completion.insertion.isEmpty {
            guard hws_editor_insert(editor, completion.insertion) == 0 else { return HWS_EDIT_ERROR }
            status = HWS_EDIT_REFRESH
        }
        var shown: [String] = []
        if let hint = completion.hint { shown.append(hint) }
        if completion.insertion.isEmpty && completion.candidates.count > 1 {
            shown.append(CandidateColumns(completion.candidates, width: TerminalSize.columns).text)
        }
        if !shown.isEmpty {
            LuaStandardStreams.writeOutput("\n" + shown.joined(separator: "\n") + "\n")
            return HWS_EDIT_REDISPLAY
        }
        if status == HWS_EDIT_NORM && completion.candidates.isEmpty { return HWS_EDIT_ERROR }
        return status
    }
}

/// Why the REPL runs without line editing.
struct LineEditorUnavailable: Error {
    let reason: String
}

/// The terminal's width, for laying out completion candidates.
enum TerminalSize {
    static var columns: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
