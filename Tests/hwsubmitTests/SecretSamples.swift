import Foundation

/// Secrets in every form text gives them, for the secret scan to push through every output of
/// `hwsubmit`, and the markers that must then appear in none of them.
///
/// Each sample carries one of the markers below inside a SAS URL's `sig` (plain, percent-encoded
/// once and twice, with lower-case hex, JSON-escaped, HTML-escaped, in any case, first in the
/// query or later, in an error message, as a JSON member), a token (`Bearer`, a JWT,
/// `access_token`), or a client secret (raw, percent-encoded, JSON-escaped, in a form body).
enum SecretSamples {
    /// The signature of every sample SAS URL.
    static let signature = "SIGSECRETa1b2c3d4"
    static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzY2FuIn0.TOKSECRETsig0123"
    static let opaqueToken = "OPAQUESECRETtoken0123"
    static let accessToken = "ACCESSSECRETvalue0123"
    /// A client secret with the characters Entra ID puts in them, and a few that need escaping.
    static let clientSecret = "Fd8Q~x/y+z=FEEDSECRET.w_0-9"
    /// A static access token given in `HDC_ACCESS_TOKEN`.
    static let staticToken = "STATICSECRETtoken0123"

    /// Percent-encoding as URLs and form bodies do it (RFC 3986: unreserved characters kept).
    static func percentEncoded(_ text: String, lowercase: Bool = false) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        guard lowercase else { return encoded }
        var out = ""
        var hexLeft = 0
        for character in encoded {
            if character == "%" {
                hexLeft = 2
                out.append(character)
            } else if hexLeft > 0 {
                hexLeft -= 1
                out += character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A string as it appears inside a JSON string (`/` escaped too, as some writers do).
    static func jsonEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "/", with: "\\/")
    }

    /// Every sample; `secrets` are the run's own secret values (a client secret, a token), fed
    /// in their forms too.
    static func samples(secrets: [String]) -> [String] {
        let url = "https://acct.blob.core.windows.net/c/p.zip?sv=2021-08-06&sr=b&sig=\(signature)&se=2030-01-01&sp=r"
        var samples = [
            url,
            "https://acct.blob.core.windows.net/c/p.zip?sig=\(signature)",
            "https://acct.blob.core.windows.net/c/p.zip?sv=1&SIG=\(signature)&se=2",
            "https://acct.blob.core.windows.net/c/p.zip?sv=1&Sig=\(signature)",
            "https://x.example/next?url=" + percentEncoded(url),
            "https://x.example/next?url=" + percentEncoded(url, lowercase: true),
            "https://x.example/next?url=" + percentEncoded("https://a/p?sig=\(signature)&se=2"),
            "https://x.example/outer?u=" + percentEncoded("https://y.example/next?url=" + percentEncoded(url)),
            "https://x.example/outer?u=" + percentEncoded("https://y.example/next?url=" + percentEncoded("https://a/p?sig=\(signature)")),
            #"{"url":"https://a/p?sv=1\u0026sig=\#(signature)\u0026se=2"}"#,
            #"{"url":"https:\/\/a\/p?sv=1\u0026SIG=\#(signature)"}"#,
            #"{"message":"{\"url\":\"https://a/p?sv=1&sig=\#(signature)\"}"}"#,
            "<a href=\"https://a/p?sv=1&amp;sig=\(signature)&amp;se=2\">signed package</a>",
            "<Url>https://a/p?sv=1&amp;sig=\(signature)</Url>",
            #"{"sig": "\#(signature)", "se": "2030"}"#,
            "hwsubmit: could not download https://a/p?sv=1&sig=\(signature): 403 AuthenticationFailed",
            "Authorization: Bearer \(opaqueToken)",
            "token \(jwt) expired",
            #"{"token_type":"Bearer","access_token":"\#(accessToken)","expires_in":3599}"#,
            "grant_type=client_credentials&client_id=x&access_token=\(accessToken)&resource=y",
        ]
        for secret in secrets {
            samples += [
                secret,
                "the secret is \(percentEncoded(secret))",
                "the secret is \(percentEncoded(secret, lowercase: true))",
                "the secret is \(percentEncoded(percentEncoded(secret)))",
                #"{"clientSecret":"\#(jsonEscaped(secret))"}"#,
                "grant_type=client_credentials&client_id=x&client_secret=\(percentEncoded(secret))&resource=y",
                "https://login.example/t?client_secret=\(percentEncoded(secret))",
            ]
        }
        return samples
    }

    /// What no output may hold: the signature, the tokens and each secret in its forms.
    static func markers(secrets: [String]) -> [String] {
        var markers = [signature, "TOKSECRET", "eyJhbGciOiJIUzI1NiJ9", opaqueToken, accessToken]
        for secret in secrets {
            markers += [secret, percentEncoded(secret), percentEncoded(secret, lowercase: true), jsonEscaped(secret)]
        }
        return markers
    }

    /// The lines of `text` that hold a marker, each with the marker it holds.
    static func leaks(in text: String, secrets: [String]) -> [String] {
        let markers = markers(secrets: secrets)
        return text.split(separator: "\n").compactMap { line in
            markers.first { line.contains($0) }.map { "\($0) in: \(line)" }
        }
    }
}
