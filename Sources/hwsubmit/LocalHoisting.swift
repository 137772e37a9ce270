/// Rewrites one REPL input so that its top-level locals outlive it.
///
/// `lua` compiles each input as a chunk of its own, so `local x = 1` is gone by the next
/// prompt. The REPL keeps such locals as real Lua locals shared between inputs: each input
/// is compiled inside a function whose upvalues are the session's locals, written as
///
///     local a, x = ...; return function(...) <the input, its top-level locals made assignments>
///     end
///
/// and ``PersistentLocals`` joins those upvalues to the variables earlier inputs made
/// (`debug.upvaluejoin`), so a closure made on one line and the next line see one variable.
/// The prologue sits on the input's first line, so line numbers in messages stay the input's.
///
/// Rules (README, "The REPL"): a `local` at the top level of an input (not inside a function
/// or block) persists; `local function f` too. `<const>` is dropped (the input itself is
/// still checked for assignments to it); a `<close>` variable is closed at the end of its
/// input, as in `lua`. A new `local x` replaces the session's `x` for later inputs, while
/// closures made earlier keep the old one, as nested scopes would.
struct LocalHoisting: Equatable {
    /// The source to compile in place of the input.
    let source: String
    /// The prologue's locals, in order: the arguments the compiled chunk takes.
    let hoisted: [String]
    /// The names the input declares with a top-level `local`.
    let declared: Set<String>

    /// The rewriting of `code` given the names of the session's locals; nil when the input
    /// neither declares nor uses any, and runs as it is.
    init?(_ code: [UInt8], sessionLocals: Set<String>) {
        let tokens = LuaLexer.tokens(code)
        var edits: [(range: Range<Int>, replacement: String)] = []
        var declaredInOrder: [String] = []
        var used: Set<String> = []
        var depth = 0
        var k = 0
        while k < tokens.count {
            let token = tokens[k]
            if token.kind == .name, k == 0 || !(tokens[k - 1].isSymbol(".") || tokens[k - 1].isSymbol(":")) {
                used.insert(token.text)
            } else if token.kind == .keyword {
                switch token.text {
                case "function", "do", "if", "repeat": depth += 1
                case "end", "until": depth -= 1
                case "local" where depth == 0:
                    if let statement = Self.localStatement(at: k, in: tokens) {
                        edits += statement.edits
                        for name in statement.names where !declaredInOrder.contains(name) { declaredInOrder.append(name) }
                    }
                default: break
                }
            }
            k += 1
        }
        var hoisted = declaredInOrder
        for name in used.union(["_ENV"]).sorted() where sessionLocals.contains(name) && !hoisted.contains(name) {
            hoisted.append(name)
        }
        guard !hoisted.isEmpty else { return nil }

        var body = code
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            body.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
        }
        self.hoisted = hoisted
        declared = Set(declaredInOrder)
        source = "local \(hoisted.joined(separator: ", ")) = ...; return function(...) "
            + String(decoding: body, as: UTF8.self) + "\nend"
    }

    /// The edits that turn the `local` statement at token `k` into an assignment, and the
    /// names it declares; nil for a statement left as it is (one with a `<close>` variable).
    private static func localStatement(at k: Int, in tokens: [LuaLexer.Token]) -> (edits: [(range: Range<Int>, replacement: String)], names: [String])? {
        var edits: [(range: Range<Int>, replacement: String)] = [(tokens[k].range, "")]
        var j = k + 1
        if j < tokens.count, tokens[j].isKeyword("function") {
            guard j + 1 < tokens.count, tokens[j + 1].kind == .name else { return nil }
            return (edits, [tokens[j + 1].text])
        }
        var names: [String] = []
        while j < tokens.count, tokens[j].kind == .name {
            names.append(tokens[j].text)
            j += 1
            if j + 2 < tokens.count, tokens[j].isSymbol("<"), tokens[j + 1].kind == .name, tokens[j + 2].isSymbol(">") {
                if tokens[j + 1].text == "close" { return nil }
                edits.append((tokens[j].range.lowerBound..<tokens[j + 2].range.upperBound, ""))
                j += 3
            }
            guard j < tokens.count, tokens[j].isSymbol(",") else { break }
            j += 1
        }
        guard !names.isEmpty else { return nil }
        if j >= tokens.count || !tokens[j].isSymbol("=") {
            let end = tokens[j - 1].range.upperBound
            edits.append((end..<end, " = nil"))
        }
        return (edits, names)
    }
}
