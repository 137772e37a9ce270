import DevCenter
import DevCenterTestSupport
import Logging
import Testing

@Suite("Redacting tokens, secrets and SAS signatures")
struct RedactorTests {
    let jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZSJ9.c2lnbmF0dXJlLXBhcnQ"

    @Test("a Bearer credential is removed, whatever follows it")
    func bearer() {
        let text = Redactor.standard.redact("Authorization: Bearer abc.DEF-123_~+/= and more")
        #expect(text == "Authorization: Bearer <redacted> and more")
        #expect(Redactor.standard.redact("bearer   xyz123abc") == "bearer   <redacted>")
    }

    @Test("a JWT is removed wherever it stands")
    func jwtAnywhere() {
        #expect(Redactor.standard.redact("token=\(jwt)!") == "token=<redacted>!")
        #expect(Redactor.standard.redact("got \(jwt) back") == "got <redacted> back")
        // Two dots and enough length make a JWT; a short eyJ word does not.
        #expect(Redactor.standard.redact("eyJ.a.b") == "eyJ.a.b")
    }

    @Test("access_token and client_secret values in JSON and forms are removed")
    func keyedValues() {
        #expect(Redactor.standard.redact(#"{"token_type":"Bearer","access_token":"opaque-value-1","expires_in":"3599"}"#)
            == #"{"token_type":"Bearer","access_token":"<redacted>","expires_in":"3599"}"#)
        #expect(Redactor.standard.redact(#"{"access_token" : "x y"}"#) == #"{"access_token" : "<redacted>"}"#)
        #expect(Redactor.standard.redact("grant_type=client_credentials&client_id=abc&client_secret=s3cr%2Bt&resource=x")
            == "grant_type=client_credentials&client_id=abc&client_secret=<redacted>&resource=x")
        #expect(Redactor.standard.redact(#"log: "{\"access_token\":\"zzz\"}""#) == #"log: "{\"access_token\":\"<redacted>\"}""#)
    }

    @Test("the sig of a SAS URL is removed, plain or percent-encoded, and the rest of the URL kept")
    func sasSignature() {
        let url = "https://acct.blob.core.windows.net/c/b.zip?sv=2020-08-04&sr=b&sig=AbC%2Fdef%3D&se=2026-01-01T00%3A00%3A00Z&sp=rwl"
        #expect(Redactor.standard.redact(url)
            == "https://acct.blob.core.windows.net/c/b.zip?sv=2020-08-04&sr=b&sig=<redacted>&se=2026-01-01T00%3A00%3A00Z&sp=rwl")
        #expect(Redactor.standard.redact("u?sig=abc") == "u?sig=<redacted>")
        #expect(Redactor.standard.redact("next=%3Fsv%3D1%26sig%3Dabc%2B%26se%3D2") == "next=%3Fsv%3D1%26sig%3D<redacted>%26se%3D2")
        #expect(Redactor.standard.redact(#"{"url": "x?a=1&SIG=q"}"#) == #"{"url": "x?a=1&SIG=<redacted>"}"#)
    }

    @Test("the sig of a SAS URL is removed after a JSON-escaped, percent-encoded or HTML-escaped ampersand")
    func sasSignatureAfterEscapedAmpersand() {
        // .NET's JSON writer escapes & as \u0026.
        #expect(Redactor.standard.redact(#"{"url":"https://a.blob.core.windows.net/c/b?sv=1\u0026sig=AbC%2Fd%3D\u0026se=2"}"#)
            == #"{"url":"https://a.blob.core.windows.net/c/b?sv=1\u0026sig=<redacted>\u0026se=2"}"#)
        #expect(Redactor.standard.redact(#"x?sv=1\U0026SIG=abc"#) == #"x?sv=1\U0026SIG=<redacted>"#)
        // An encoded & before a plain =, as a URL inside a query sometimes is.
        #expect(Redactor.standard.redact("next=%3Fsv%3D1%26sig=abc%2B%26se=2") == "next=%3Fsv%3D1%26sig=<redacted>%26se=2")
        // A client secret in a form may hold an encoded & itself: all of it goes.
        #expect(Redactor.standard.redact("client_secret=a%26b%2Bc&x=1") == "client_secret=<redacted>&x=1")
        // HTML and XML escape & as &amp;.
        #expect(Redactor.standard.redact("<a href=\"u?sv=1&amp;sig=abc&amp;se=2\">") == "<a href=\"u?sv=1&amp;sig=<redacted>&amp;se=2\">")
        #expect(Redactor.standard.redact("<Url>u?sv=1&amp;sig=abc</Url>") == "<Url>u?sv=1&amp;sig=<redacted></Url>")
    }

    /// Every form a SAS URL's signature takes in text hwsubmit may show: plain, percent-encoded
    /// once or twice, JSON-escaped, HTML-escaped, in any case, first or later in the query.
    @Test("the sig of a SAS URL is removed in every encoding", arguments: [
        "https://a.blob.core.windows.net/c/b?sv=1&sig=SIGVALUE0123&se=2",
        "https://a.blob.core.windows.net/c/b?sig=SIGVALUE0123",
        "https://a.blob.core.windows.net/c/b?sv=1&SIG=SIGVALUE0123&se=2",
        "next=https%3A%2F%2Fa%2Fc%2Fb%3Fsv%3D1%26sig%3DSIGVALUE0123%26se%3D2",
        "next=https%3a%2f%2fa%2fc%2fb%3fsv%3d1%26Sig%3dSIGVALUE0123%26se%3d2",
        "next=https%3A%2F%2Fa%2Fc%2Fb%3Fsig%3DSIGVALUE0123%26se%3D2",
        "outer=x%3Fnext%3Dhttps%253A%252F%252Fa%252Fb%253Fsv%253D1%2526sig%253DSIGVALUE0123%2526se%253D2",
        "outer=x%3Fnext%3Dhttps%253A%252F%252Fa%252Fb%253Fsig%253DSIGVALUE0123",
        #"{"url":"https://a/b?sv=1\u0026sig=SIGVALUE0123\u0026se=2"}"#,
        #"{"url":"https://a/b?sv=1\u0026SIG=SIGVALUE0123"}"#,
        #"{"url":"https:\/\/a\/b?sv=1&sig=SIG\/VALUE\u002B0123\u003D&se=2"}"#,
        #"{"message":"{\"url\":\"https://a/b?sv=1&sig=SIGVALUE0123\"}"}"#,
        "<a href=\"https://a/b?sv=1&amp;sig=SIGVALUE0123&amp;se=2\">",
        #"{"sig": "SIGVALUE0123"}"#,
        "hwsubmit: download of https://a/b?sv=1&sig=SIGVALUE0123 failed: 403",
    ])
    func sasSignatureInEveryEncoding(_ text: String) {
        let redacted = Redactor.standard.redact(text)
        #expect(!redacted.contains("SIGVALUE") && !redacted.contains("VALUE"), "\(redacted)")
        #expect(redacted.contains(Redactor.placeholder))
    }

    @Test("the rest of a URL encoded twice is kept")
    func twiceEncodedKeepsTheRest() {
        #expect(Redactor.standard.redact("x%3Fsv%253D1%2526sig%253Dabc%2526se%253D2")
            == "x%3Fsv%253D1%2526sig%253D<redacted>%2526se%253D2")
    }

    @Test("a field named like a secret is redacted whole; other fields by their text")
    func fieldValues() {
        #expect(Redactor.standard.redact("abc", field: "sig") == Redactor.placeholder)
        #expect(Redactor.standard.redact("abc", field: "Client_Secret") == Redactor.placeholder)
        #expect(Redactor.standard.redact("Bearer abcdefgh", field: "Authorization") == Redactor.placeholder)
        #expect(Redactor.standard.redact("", field: "sig") == "")
        #expect(Redactor.standard.redact("u?sig=abc", field: "url") == "u?sig=<redacted>")
        #expect(Redactor.standard.redact("signature", field: "name") == "signature")
    }

    @Test("a configured value is removed in the forms other text gives it")
    func exactSecretForms() {
        let redactor = Redactor(secrets: ["s3cr~t/+=\"q"])
        for form in ["s3cr~t/+=\"q", "s3cr~t%2F%2B%3D%22q", "s3cr~t%2f%2b%3d%22q", "s3cr~t%252F%252B%253D%2522q", #"s3cr~t\/+=\"q"#] {
            #expect(redactor.redact("before \(form) after") == "before <redacted> after", "\(form)")
        }
    }

    @Test("words that merely contain a key are left alone")
    func noFalsePositives() {
        for text in ["signature=abc", "design=1", "xsig=3", "my_client_secret_name", "access_tokens=2", "the bearer of news", "sig",
                     "u0026sig=1", "x26sig=2", "amp;sig", "x3fsig=1", "2526sig=1"] {
            #expect(Redactor.standard.redact(text) == text, "\(text)")
        }
    }

    @Test("configured values are removed wherever they appear, raw and percent-encoded")
    func exactSecrets() {
        var redactor = Redactor()
        redactor.add("p@ss w0rd!")
        #expect(redactor.redact("the secret p@ss w0rd! leaked") == "the secret <redacted> leaked")
        #expect(redactor.redact("body p%40ss%20w0rd%21 end") == "body <redacted> end")
        redactor.add("ab")
        #expect(redactor.redact("abc") == "abc", "values too short to redact by match are ignored")
    }

    @Test("a Secret never prints itself")
    func secretDescription() {
        let secret = Secret("hunter2-hunter2")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "Secret(<redacted>)")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(!"\(Credentials.accessToken(secret))".contains("hunter2"))
        let credentials = ClientCredentials(tenantID: "t", clientID: "c", clientSecret: secret)
        #expect(!"\(credentials)".contains("hunter2"))
        #expect(!String(reflecting: credentials).contains("hunter2"))
    }

    @Test("the redacting handler redacts messages, call metadata, logger metadata, provided metadata and errors")
    func redactingHandler() {
        let capture = LogCapture()
        var logger = capture.logger.redacting(with: Redactor(secrets: ["the-client-secret"]))
        logger[metadataKey: "auth"] = "Bearer tok123"
        logger.info(
            "posting client_secret=the-client-secret to x?sig=abc",
            metadata: ["url": "https://a/b?sv=1&sig=zzz", "nested": ["list": ["\(jwt)"]]])
        logger.error("failed", error: DemoError(text: "the-client-secret was wrong"))
        let text = capture.text
        for secret in ["the-client-secret", "tok123", "abc", "zzz", jwt] { #expect(!text.contains(secret), "\(secret)") }
        #expect(text.contains("posting client_secret=<redacted> to x?sig=<redacted>"))
        #expect(text.contains("auth=Bearer <redacted>"))
        #expect(capture.handler.entries.count == 2)
    }

    @Test("redacting twice wraps once and gains the new secrets")
    func redactingTwice() {
        let capture = LogCapture()
        let logger = capture.logger.redacting(with: Redactor(secrets: ["first-secret"])).redacting(with: Redactor(secrets: ["second-secret"]))
        #expect(logger.handler is RedactingLogHandler)
        #expect((logger.handler as? RedactingLogHandler)?.wrapped is RedactingLogHandler == false)
        logger.info("first-secret second-secret")
        #expect(capture.text.contains("<redacted> <redacted>"))
    }

    struct DemoError: Error, CustomStringConvertible { let text: String; var description: String { text } }
}
