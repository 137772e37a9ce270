/// Connection settings given explicitly (command-line flags, a script's arguments): the
/// strongest source, above the environment and the profile.
public struct ConnectionOptions: Sendable, Hashable {
    public var tenantID: String?
    public var clientID: String?
    public var credential: CredentialKind?
    public var clientSecret: Secret?
    public var accessToken: Secret?
    public var certificatePath: String?
    public var certificatePassphrase: Secret?
    public var certificateAlgorithm: ClientCertificate.SigningAlgorithm?
    public var sendCertificateChain: Bool?
    public var federatedTokenFile: String?
    public var federatedTokenCommand: String?
    public var federatedAudience: String?
    public var managedIdentityClientID: String?
    /// The instance metadata service's host, above `HDC_IMDS_ENDPOINT` (`--emulator` points it
    /// at the emulator).
    public var imdsHost: String?
    /// Profiles whose credentials are used in turn (a credential pool).
    public var pool: [String]?
    public var baseURL: String?
    public var authorityHost: String?
    public var tokenEndpoint: TokenEndpointVersion?
    /// The profile to use, above `HDC_PROFILE`.
    public var profile: String?

    public init(
        tenantID: String? = nil, clientID: String? = nil, clientSecret: Secret? = nil, accessToken: Secret? = nil,
        baseURL: String? = nil, authorityHost: String? = nil, tokenEndpoint: TokenEndpointVersion? = nil,
        profile: String? = nil
    ) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.accessToken = accessToken
        self.baseURL = baseURL
        self.authorityHost = authorityHost
        self.tokenEndpoint = tokenEndpoint
        self.profile = profile
    }
}
