/// What the text before the cursor asks Tab to complete.
enum CompletionContext: Equatable {
    /// Nothing: inside a comment or a string, or after an expression too complex to follow.
    case nothing
    /// A variable: a keyword, a local of the session or a global starting with `prefix`.
    case variable(prefix: String)
    /// A field of the value at `path` (`hdc.cre` → path `["hdc"]`, prefix `cre`); a method
    /// when written after `:`.
    case field(path: [String], prefix: String, method: Bool)
    /// A module name inside `require "…`.
    case module(prefix: String)
    /// Just after the `(` of a call of the function at `path` (for its parameter hint).
    case arguments(path: [String])
    /// Just after the `(` of a method call `value:method(` on the value at `path`.
    case methodArguments(path: [String], method: String)

    init(_ textBeforeCursor: [UInt8]) {
        let tokens = LuaLexer.tokens(textBeforeCursor)
        guard let last = tokens.last else {
            self = .variable(prefix: "")
            return
        }
        switch last.kind {
        case .unfinishedComment, .number, .string:
            self = .nothing
            return
        case .unfinishedString:
            self = Self.requiredModule(tokens) ?? .nothing
            return
        default:
            break
        }
        var end = tokens.count
        var prefix = ""
        if last.kind == .name || last.kind == .keyword, last.range.upperBound == textBeforeCursor.count {
            prefix = last.text
            end -= 1
        }
        let count = tokens.count
        if prefix.isEmpty, last.isSymbol("("), count >= 4, tokens[count - 2].kind == .name, tokens[count - 3].isSymbol(":"),
           let path = Self.path(endingBefore: count - 3, in: tokens), !path.isEmpty {
            self = .methodArguments(path: path, method: tokens[count - 2].text)
            return
        }
        if prefix.isEmpty, last.isSymbol("("), let path = Self.path(endingBefore: tokens.count - 1, in: tokens), !path.isEmpty {
            self = .arguments(path: path)
            return
        }
        guard end > 0, tokens[end - 1].isSymbol(".") || tokens[end - 1].isSymbol(":") else {
            self = .variable(prefix: prefix)
            return
        }
        guard let path = Self.path(endingBefore: end - 1, in: tokens), !path.isEmpty else {
            self = .nothing
            return
        }
        self = .field(path: path, prefix: prefix, method: tokens[end - 1].isSymbol(":"))
    }

    /// `a.b.c` ending just before token `index`; nil when what precedes is not such a path.
    private static func path(endingBefore index: Int, in tokens: [LuaLexer.Token]) -> [String]? {
        var path: [String] = []
        var j = index - 1
        while j >= 0, tokens[j].kind == .name {
            path.insert(tokens[j].text, at: 0)
            guard j >= 2, tokens[j - 1].isSymbol(".") else {
                j -= 1
                break
            }
            j -= 2
        }
        // `f().x`, `t[1].x`, `s:m().x`: the value is not a plain path.
        if j >= 0, tokens[j].isSymbol(".") || tokens[j].isSymbol(":") || tokens[j].isSymbol(")") || tokens[j].isSymbol("]") {
            return nil
        }
        return path
    }

    /// `require "x`, `require 'x` and `require("x`.
    private static func requiredModule(_ tokens: [LuaLexer.Token]) -> CompletionContext? {
        let k = tokens.count - 1
        let isRequire = { (i: Int) in i >= 0 && tokens[i].kind == .name && tokens[i].text == "require" }
        guard isRequire(k - 1) || (k >= 2 && tokens[k - 1].isSymbol("(") && isRequire(k - 2)) else { return nil }
        let text = tokens[k].text
        guard text.hasPrefix("\"") || text.hasPrefix("'") else { return nil }
        return .module(prefix: String(text.dropFirst()))
    }
}
