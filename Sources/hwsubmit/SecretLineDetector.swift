import DevCenter

/// Decides whether an input looks like it holds a secret, to keep it out of the history.
///
/// An input is kept out when hwsubmit's ``Redactor`` finds something in it (a bearer token,
/// a JWT, `client_secret=…`, a SAS `sig=…`), when it assigns to a name or field that sounds
/// secret (`password = …`, `cfg.client_secret = …`, `{token = …}`, `["api_key"] = …`,
/// `headers["Authorization"] = "Basic …"`, `bearer = …`), or
/// when a string in it has the shape of an Entra ID client secret (`abc8Q~…`). Erring
/// towards leaving an input out only costs a history entry.
enum SecretLineDetector {
    /// Parts of names that sound secret, lower case.
    static let secretWords = [
        "secret", "password", "passwd", "passphrase", "token", "credential", "apikey", "api_key", "private_key", "privatekey",
        "auth", "authorization", "bearer",
    ]

    static func looksSecret(_ input: String) -> Bool {
        if Redactor.standard.findsSecret(in: input) { return true }
        let tokens = LuaLexer.tokens(input)
        for (k, token) in tokens.enumerated() {
            if token.kind == .string || token.kind == .unfinishedString, looksLikeClientSecret(token.text) { return true }
            let name: String
            switch token.kind {
            case .name where k + 1 < tokens.count && tokens[k + 1].isSymbol("="):
                name = token.text
            case .string where k > 0 && tokens[k - 1].isSymbol("[") && k + 2 < tokens.count && tokens[k + 1].isSymbol("]")
                && tokens[k + 2].isSymbol("="):
                name = String(token.text.dropFirst().dropLast())
            default:
                continue
            }
            let lower = name.lowercased()
            if secretWords.contains(where: { lower.contains($0) }) { return true }
        }
        return false
    }

    /// Entra ID client secrets: three characters, a digit, `Q~`, then 31 or more of
    /// `[A-Za-z0-9_.~-]`.
    static func looksLikeClientSecret(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 37 else { return false }
        func isSecretByte(_ b: UInt8) -> Bool {
            LuaLexer.isNameByte(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "~") || b == UInt8(ascii: "-")
        }
        var i = 4
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "Q"), bytes[i + 1] == UInt8(ascii: "~"), LuaLexer.isDigit(bytes[i - 1]),
               bytes[(i - 4)..<(i - 1)].allSatisfy(isSecretByte) {
                var j = i + 2
                while j < bytes.count, isSecretByte(bytes[j]) { j += 1 }
                if j - (i + 2) >= 31 { return true }
            }
            i += 1
        }
        return false
    }
}
