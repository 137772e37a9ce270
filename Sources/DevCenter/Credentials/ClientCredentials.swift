/// An app registration in a tenant and how it proves who it is at the token endpoint (the
/// client-credentials grant): a client secret, a certificate, or a federated token.
public struct ClientCredentials: Sendable, CustomStringConvertible {
    public var tenantID: String
    public var clientID: String
    public var proof: ClientProof
    /// The Entra ID host; the emulator serves the token endpoints on its own host.
    public var authorityHost: String
    public var tokenEndpoint: TokenEndpointVersion
    /// The API the token is for.
    public var resource: String
    /// Said when the token endpoint refuses these credentials: set when the proof and the
    /// client ID came from different sources (``ConnectionSettings/resolve(options:environment:profiles:)``
    /// sets it), since a secret of one app registration with the ID of another is refused.
    public var sourceNote: String?

    public static let defaultAuthorityHost = "https://login.microsoftonline.com"
    public static let defaultResource = "https://manage.devcenter.microsoft.com"

    public init(
        tenantID: String, clientID: String, proof: ClientProof,
        authorityHost: String = ClientCredentials.defaultAuthorityHost,
        tokenEndpoint: TokenEndpointVersion = .v1, resource: String = ClientCredentials.defaultResource
    ) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.proof = proof
        self.authorityHost = authorityHost
        self.tokenEndpoint = tokenEndpoint
        self.resource = resource
    }

    /// Credentials that prove themselves with a client secret.
    public init(
        tenantID: String, clientID: String, clientSecret: Secret,
        authorityHost: String = ClientCredentials.defaultAuthorityHost,
        tokenEndpoint: TokenEndpointVersion = .v1, resource: String = ClientCredentials.defaultResource
    ) {
        self.init(
            tenantID: tenantID, clientID: clientID, proof: .secret(clientSecret), authorityHost: authorityHost,
            tokenEndpoint: tokenEndpoint, resource: resource)
    }

    /// The client secret, when that is the proof.
    public var clientSecret: Secret? {
        if case .secret(let secret) = proof { return secret }
        return nil
    }

    /// The absolute URL of the token endpoint (also the audience of a client assertion).
    public var tokenURL: String {
        URLPath.trimmingTrailingSlashes(authorityHost) + tokenEndpoint.path(tenantID: tenantID)
    }

    /// The form body of the token request with `proofFields` (the secret, or the assertion):
    /// never log it unredacted.
    func formBody(proofFields: [(String, String)]) -> [UInt8] {
        var fields = [("grant_type", "client_credentials"), ("client_id", clientID)] + proofFields
        switch tokenEndpoint {
        case .v1: fields.append(("resource", resource))
        case .v2: fields.append(("scope", URLPath.trimmingTrailingSlashes(resource) + "/.default"))
        }
        let text = fields.map { "\($0.0)=\(Redactor.percentEncoded($0.1))" }.joined(separator: "&")
        return Array(text.utf8)
    }

    public var description: String {
        "ClientCredentials(tenant: \(tenantID), client: \(clientID), \(proof), token endpoint: \(tokenURL))"
    }
}
