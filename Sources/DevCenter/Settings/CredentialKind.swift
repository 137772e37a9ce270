/// Which way of signing in to use: `auto` tries them in a documented order (docs/devcenter.md,
/// "Credentials"); any other value uses that one and says what is missing when it is not set up.
public enum CredentialKind: String, Sendable, Hashable, CaseIterable {
    case auto
    case clientSecret = "client_secret"
    case certificate
    /// A federated token from a file or a command.
    case federatedToken = "federated_token"
    /// GitHub Actions' OIDC token as a federated token.
    case githubActions = "github_actions"
    case managedIdentity = "managed_identity"
    case accessToken = "access_token"

    /// The accepted values, for messages.
    public static var names: String { allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") }
}
