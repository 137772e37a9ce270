/// How a client authenticates.
public enum Credentials: Sendable, CustomStringConvertible {
    /// The client-credentials grant: tenant, client ID and secret.
    case clientSecret(ClientSecretCredentials)
    /// A token obtained elsewhere (`HDC_ACCESS_TOKEN`); it cannot be refreshed.
    case accessToken(Secret)
    /// A caller's own token source.
    case provider(any AccessTokenProvider)

    public var description: String {
        switch self {
        case .clientSecret(let c): return c.description
        case .accessToken: return "AccessToken(\(Redactor.placeholder))"
        case .provider(let p): return "AccessTokenProvider(\(type(of: p)))"
        }
    }
}
