/// The AADSTS codes a sign-in of hwsubmit meets, with what each means and what to do: the
/// token endpoint's own description says what it saw, this says what a person changes.
struct EntraErrorCode: Sendable {
    let number: Int
    let meaning: String
    let advice: @Sendable (ClientCredentials) -> String

    /// The first known `AADSTS<n>` in `text`.
    static func first(in text: String?) -> EntraErrorCode? {
        guard let text else { return nil }
        var rest = Substring(text)
        while let range = rest.range(of: "AADSTS") {
            let digits = rest[range.upperBound...].prefix { $0.isNumber }
            if let number = Int(digits), let known = all.first(where: { $0.number == number }) { return known }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    private static func certificateName(_ c: ClientCredentials) -> String {
        if case .certificate(let certificate) = c.proof { return "the certificate with SHA-256 thumbprint \(certificate.thumbprintSHA256) (SHA-1 \(certificate.thumbprintSHA1))" }
        return "the certificate"
    }

    private static func federatedAdvice(_ what: String) -> @Sendable (ClientCredentials) -> String {
        { c in
            let source: String
            if case .federatedToken(let s) = c.proof { source = s.description } else { source = "the identity provider" }
            return "Add a federated credential to app registration \(c.clientID) (Certificates & secrets → Federated credentials) whose \(what) matches the token from \(source); for GitHub Actions the subject is repo:OWNER/REPO:ref:refs/heads/BRANCH or repo:OWNER/REPO:environment:NAME."
        }
    }

    static let all: [EntraErrorCode] = [
        EntraErrorCode(number: 90002, meaning: "tenant not found") { c in
            "The tenant \(c.tenantID) was not found: check HDC_TENANT_ID or the profile's tenant."
        },
        EntraErrorCode(number: 900023, meaning: "the tenant is not a valid tenant ID or domain") { c in
            "The tenant \(c.tenantID) was not found: check HDC_TENANT_ID or the profile's tenant."
        },
        EntraErrorCode(number: 700016, meaning: "no such application in the tenant") { c in
            "No app registration \(c.clientID) exists in tenant \(c.tenantID): check HDC_CLIENT_ID or the profile's client ID."
        },
        EntraErrorCode(number: 7000215, meaning: "invalid client secret") { _ in
            "The client secret is wrong: create a new one in the app registration and set HDC_CLIENT_SECRET or the profile's secret (the secret's value, not its ID)."
        },
        EntraErrorCode(number: 7000222, meaning: "the client secret has expired") { _ in
            "Create a new client secret in the app registration and set HDC_CLIENT_SECRET or the profile's secret."
        },
        EntraErrorCode(number: 700027, meaning: "the client assertion's signature is invalid or its key is not registered") { c in
            "Upload \(certificateName(c)) to app registration \(c.clientID) (Certificates & secrets → Certificates), or point HDC_CERTIFICATE_PATH at the certificate that is registered there."
        },
        EntraErrorCode(number: 700024, meaning: "the client assertion is not within its valid time range") { _ in
            "The assertion has expired or is not valid yet: check this machine's clock (timedatectl), and for a federated token that the file or command gives a fresh one."
        },
        EntraErrorCode(number: 50027, meaning: "the client assertion is not a valid JWT") { _ in
            "The assertion could not be read: for a federated token, check that the file or command gives the identity provider's token alone."
        },
        EntraErrorCode(number: 50013, meaning: "the assertion is invalid (audience, issuer, or already used)") { c in
            "Check that the authority (HDC_AUTHORITY_HOST) and tenant are the ones the token endpoint \(c.tokenURL) expects; each assertion can be used once."
        },
        EntraErrorCode(number: 7000214, meaning: "the certificate has been revoked") { c in
            "Upload a new certificate to app registration \(c.clientID) and point HDC_CERTIFICATE_PATH at it."
        },
        EntraErrorCode(number: 7000216, meaning: "no client secret or client assertion was sent") { _ in
            "Configure a client secret, a certificate or a federated token (README, \"Credentials and profiles\")."
        },
        EntraErrorCode(number: 70021, meaning: "no federated identity credential matches the token", advice: federatedAdvice("issuer, subject and audience")),
        EntraErrorCode(number: 700211, meaning: "no federated identity credential matches the token's issuer", advice: federatedAdvice("issuer")),
        EntraErrorCode(number: 700212, meaning: "no federated identity credential matches the token's audience", advice: federatedAdvice("audience")),
        EntraErrorCode(number: 700213, meaning: "no federated identity credential matches the token's subject", advice: federatedAdvice("subject")),
        EntraErrorCode(number: 70011, meaning: "the scope is not valid") { _ in
            "Use the v1 token endpoint (token_endpoint = \"v1\"), or check HDC_AUTHORITY_HOST."
        },
    ]
}
