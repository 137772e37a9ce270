/// A named set of connection settings from the user's profile file
/// (`$XDG_CONFIG_HOME/hwsubmit/config.lua`, read by a ``ProfileSource``).
public struct Profile: Sendable, Hashable {
    public var name: String
    public var tenantID: String?
    public var clientID: String?
    /// Which way of signing in; `nil` is `auto`.
    public var credential: CredentialKind?
    /// Where the client secret comes from.
    public var clientSecret: SecretSource?
    /// Where a ready access token comes from, for profiles that do not use a client secret.
    public var accessToken: SecretSource?
    /// A certificate credential.
    public var certificate: CertificateSettings?
    /// A file that holds a federated token (re-read for every token request).
    public var federatedTokenFile: String?
    /// A command whose standard output is a federated token.
    public var federatedTokenCommand: String?
    /// The audience asked of GitHub Actions for its OIDC token.
    public var federatedAudience: String?
    /// The client ID of a user-assigned managed identity.
    public var managedIdentityClientID: String?
    /// The names of other profiles whose credentials are used in turn (a credential pool).
    public var pool: [String]?
    public var baseURL: String?
    public var authorityHost: String?
    public var tokenEndpoint: TokenEndpointVersion?
    /// How long one HTTP request may wait for its answer (`request_timeout`), weaker than
    /// `HDC_REQUEST_TIMEOUT` and the command line.
    public var requestTimeout: Duration?

    public init(
        name: String, tenantID: String? = nil, clientID: String? = nil, clientSecret: SecretSource? = nil,
        accessToken: SecretSource? = nil, baseURL: String? = nil, authorityHost: String? = nil,
        tokenEndpoint: TokenEndpointVersion? = nil
    ) {
        self.name = name
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.accessToken = accessToken
        self.baseURL = baseURL
        self.authorityHost = authorityHost
        self.tokenEndpoint = tokenEndpoint
    }
}
