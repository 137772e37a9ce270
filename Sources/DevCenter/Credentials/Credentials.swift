/// How a client authenticates.
public enum Credentials: Sendable, CustomStringConvertible {
    /// The client-credentials grant: an app registration with a secret, a certificate or a
    /// federated token.
    case client(ClientCredentials)
    /// A managed identity of the machine or app the program runs on.
    case managedIdentity(ManagedIdentityCredentials)
    /// A token obtained elsewhere (`HDC_ACCESS_TOKEN`); it cannot be refreshed.
    case accessToken(Secret)
    /// Several credentials used in turn; one answered 429 rests while the others go on.
    case pool([Credentials])
    /// A caller's own token source.
    case provider(any AccessTokenProvider)

    /// How `hdc.whoami()` and `hwsubmit check` name it: "client secret", "certificate",
    /// "federated token (GitHub Actions)", "managed identity", "access token", "pool of 3".
    public var kindName: String {
        switch self {
        case .client(let c): return c.proof.kindName
        case .managedIdentity: return "managed identity"
        case .accessToken: return "access token"
        case .pool(let members): return "pool of \(members.count)"
        case .provider: return "token provider"
        }
    }

    /// Who signs in, for messages: "client 5f1b… (certificate)".
    public var label: String {
        switch self {
        case .client(let c): return "client \(c.clientID) (\(c.proof.kindName))"
        case .managedIdentity(let m): return "\(m.identityName) (managed identity)"
        case .accessToken: return "access token"
        case .pool(let members): return "pool of \(members.count): " + members.map(\.label).joined(separator: ", ")
        case .provider(let p): return "token provider \(type(of: p))"
        }
    }

    public var description: String {
        switch self {
        case .client(let c): return c.description
        case .managedIdentity(let m): return m.description
        case .accessToken: return "AccessToken(\(Redactor.placeholder))"
        case .pool(let members): return "Pool(\(members.map(\.description).joined(separator: ", ")))"
        case .provider(let p): return "AccessTokenProvider(\(type(of: p)))"
        }
    }
}
