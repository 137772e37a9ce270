/// An app registration's client ID and secret in a tenant: the client-credentials grant.
public struct ClientSecretCredentials: Sendable, Hashable, CustomStringConvertible {
    public var tenantID: String
    public var clientID: String
    public var clientSecret: Secret
    /// The Entra ID host; the emulator serves the token endpoints on its own host.
    public var authorityHost: String
    public var tokenEndpoint: TokenEndpointVersion
    /// The API the token is for.
    public var resource: String
    /// Said when the token endpoint refuses these credentials: set when the secret and the
    /// client ID came from different sources (``ConnectionSettings/resolve(options:environment:profiles:)``
    /// sets it), since a secret of one app registration with the ID of another is refused.
    public var sourceNote: String?

    public static let defaultAuthorityHost = "https://login.microsoftonline.com"
    public static let defaultResource = "https://manage.devcenter.microsoft.com"

    public init(
        tenantID: String, clientID: String, clientSecret: Secret,
        authorityHost: String = ClientSecretCredentials.defaultAuthorityHost,
        tokenEndpoint: TokenEndpointVersion = .v1, resource: String = ClientSecretCredentials.defaultResource
    ) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authorityHost = authorityHost
        self.tokenEndpoint = tokenEndpoint
        self.resource = resource
    }

    /// The absolute URL of the token endpoint.
    public var tokenURL: String {
        URLPath.trimmingTrailingSlashes(authorityHost) + tokenEndpoint.path(tenantID: tenantID)
    }

    /// The form body of the token request (it holds the secret: never log it unredacted).
    func formBody() -> [UInt8] {
        var fields = [
            ("grant_type", "client_credentials"), ("client_id", clientID),
            ("client_secret", clientSecret.exposedValue),
        ]
        switch tokenEndpoint {
        case .v1: fields.append(("resource", resource))
        case .v2: fields.append(("scope", URLPath.trimmingTrailingSlashes(resource) + "/.default"))
        }
        let text = fields.map { "\($0.0)=\(Redactor.percentEncoded($0.1))" }.joined(separator: "&")
        return Array(text.utf8)
    }

    public var description: String {
        "ClientSecretCredentials(tenant: \(tenantID), client: \(clientID), secret: \(Redactor.placeholder), token endpoint: \(tokenURL))"
    }
}
