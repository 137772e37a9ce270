/// Who may sign in to the emulator besides its default app registration: more app
/// registrations (each with secrets, certificates, federated credentials and a rate limit of its
/// own), managed identities, and the subject of the GitHub-style OIDC tokens it hands out. The
/// scenario's `identity` key, `POST /_emulator/identity` and ``EmulatorServer/registerApp(_:)``.
///
/// ```json
/// {
///   "apps": [{"clientId": "contoso-ci", "certificates": ["-----BEGIN CERTIFICATE-----…"],
///             "federated": [{"subject": "repo:contoso/drivers:ref:refs/heads/main"}],
///             "requestsPerMinute": 60}],
///   "managedIdentities": [{"clientId": "5f1b1d1e-user-assigned"}],
///   "githubSubject": "repo:contoso/drivers:environment:release"
/// }
/// ```
public struct IdentitySetup: Codable, Sendable, Hashable {
    public var apps: [AppRegistrationSetup]?
    public var managedIdentities: [ManagedIdentitySetup]?
    /// The `sub` of the tokens the GitHub-style endpoint hands out.
    public var githubSubject: String?

    public init(apps: [AppRegistrationSetup]? = nil, managedIdentities: [ManagedIdentitySetup]? = nil, githubSubject: String? = nil) {
        self.apps = apps
        self.managedIdentities = managedIdentities
        self.githubSubject = githubSubject
    }

    /// Problems that make it unusable, as `path: message`.
    var problems: [String] {
        var problems: [String] = []
        for (i, app) in (apps ?? []).enumerated() {
            if app.clientId.isEmpty { problems.append("apps[\(i)].clientId: must not be empty") }
            for (j, pem) in (app.certificates ?? []).enumerated() where RegisteredCertificate(pem: pem) == nil {
                problems.append("apps[\(i)].certificates[\(j)]: is not a PEM certificate with an RSA key")
            }
            if let limit = app.requestsPerMinute, limit < 0 { problems.append("apps[\(i)].requestsPerMinute: must be at least 0") }
        }
        return problems
    }
}

/// An app registration the token endpoint accepts.
public struct AppRegistrationSetup: Codable, Sendable, Hashable {
    public var clientId: String
    /// Client secrets it accepts.
    public var secrets: [String]?
    /// Its certificates, PEM: client assertions signed with their keys are accepted.
    public var certificates: [String]?
    /// Its federated identity credentials.
    public var federated: [FederatedCredentialSetup]?
    /// Hardware API requests a minute with its tokens before `429` (each app its own count).
    public var requestsPerMinute: Int?

    public init(
        clientId: String, secrets: [String]? = nil, certificates: [String]? = nil, federated: [FederatedCredentialSetup]? = nil,
        requestsPerMinute: Int? = nil
    ) {
        self.clientId = clientId
        self.secrets = secrets
        self.certificates = certificates
        self.federated = federated
        self.requestsPerMinute = requestsPerMinute
    }
}

/// A federated identity credential: tokens of `issuer` for `subject` and `audience` stand for the app.
public struct FederatedCredentialSetup: Codable, Sendable, Hashable {
    /// The issuer; absent, the emulator's own (`http://127.0.0.1:PORT/oidc`), the only one whose
    /// tokens it can check.
    public var issuer: String?
    public var subject: String
    /// Absent: `api://AzureADTokenExchange`.
    public var audience: String?

    public init(issuer: String? = nil, subject: String, audience: String? = nil) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
    }
}

/// A managed identity the emulator's identity endpoints hand tokens out for.
public struct ManagedIdentitySetup: Codable, Sendable, Hashable {
    /// A user-assigned identity's client ID; absent, the system-assigned identity.
    public var clientId: String?
    public var requestsPerMinute: Int?

    public init(clientId: String? = nil, requestsPerMinute: Int? = nil) {
        self.clientId = clientId
        self.requestsPerMinute = requestsPerMinute
    }

    /// The client ID its tokens carry (`appid`).
    var appID: String { clientId ?? EmulatorDefaults.managedIdentityClientID }
}
