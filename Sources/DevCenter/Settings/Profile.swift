/// A named set of connection settings from the user's profile file
/// (`$XDG_CONFIG_HOME/hwsubmit/config.lua`, read by a ``ProfileSource``).
public struct Profile: Sendable, Hashable {
    public var name: String
    public var tenantID: String?
    public var clientID: String?
    /// Where the client secret comes from.
    public var clientSecret: SecretSource?
    /// Where a ready access token comes from, for profiles that do not use a client secret.
    public var accessToken: SecretSource?
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
