/// How an app registration proves itself at the token endpoint.
public enum ClientProof: Sendable, CustomStringConvertible {
    /// A client secret, sent as `client_secret`.
    case secret(Secret)
    /// A client assertion signed with the registration's certificate.
    case certificate(ClientCertificate)
    /// A token from an identity provider the registration trusts (GitHub Actions, a Kubernetes
    /// service account, an Azure Pipelines service connection), sent as the client assertion.
    case federatedToken(FederatedTokenSource)

    /// How `hdc.whoami()` and `hwsubmit check` name it.
    public var kindName: String {
        switch self {
        case .secret: return "client secret"
        case .certificate: return "certificate"
        case .federatedToken(let source): return "federated token (\(source.kindName))"
        }
    }

    /// Values every log and message must hide.
    var secrets: [Secret] {
        switch self {
        case .secret(let secret): return [secret]
        case .certificate: return []
        case .federatedToken(let source): return source.secrets
        }
    }

    public var description: String {
        switch self {
        case .secret: return "secret: \(Redactor.placeholder)"
        case .certificate(let certificate): return certificate.description
        case .federatedToken(let source): return "federated token from \(source)"
        }
    }
}
