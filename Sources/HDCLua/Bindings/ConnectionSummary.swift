import DevCenter

/// What a client's settings say, without secrets: for `hdc.whoami()` and `hwsubmit check`.
public struct ConnectionSummary: Sendable {
    /// `profile`, `tenant_id`, `client_id`, `authority`, `token_endpoint`, `credentials`, and
    /// what identifies the credential (`certificate_thumbprint`, `federated_token_source`,
    /// `managed_identity`), `base_url`.
    public let fields: [(String, String)]
    /// Setting (`tenant_id`, `client_secret`, …) → where it came from ("environment variable HDC_TENANT_ID").
    public let sources: [(String, String)]
    /// The members of a credential pool, each as "client 5f1b… (certificate)"; empty otherwise.
    public let pool: [String]

    /// - Parameter explicitSource: how to name settings given explicitly: "--emulator", "the
    ///   command line", "hdc.connect".
    public init(_ settings: ConnectionSettings, explicitSource: String = "given explicitly") {
        var fields: [(String, String)] = []
        if let profile = settings.profileName { fields.append(("profile", profile)) }
        fields += Self.fields(of: settings.credentials)
        fields.append(("base_url", settings.baseURL.string))
        self.fields = fields
        if case .pool(let members) = settings.credentials { pool = members.map(\.label) } else { pool = [] }
        sources = ConnectionSettings.Setting.allCases.compactMap { setting in
            settings.origins[setting].map { origin in
                (Self.name(of: setting), origin == .explicit ? explicitSource : origin.description)
            }
        }
    }

    /// The fields that describe `credentials`.
    public static func fields(of credentials: Credentials) -> [(String, String)] {
        switch credentials {
        case .client(let c):
            var fields = [
                ("tenant_id", c.tenantID), ("client_id", c.clientID), ("authority", c.authorityHost),
                ("token_endpoint", c.tokenEndpoint.rawValue), ("credentials", c.proof.kindName),
            ]
            switch c.proof {
            case .secret: break
            case .certificate(let certificate):
                fields.append(("certificate_thumbprint", certificate.thumbprintSHA256))
                fields.append(("certificate_path", certificate.path))
            case .federatedToken(let source):
                fields.append(("federated_token_source", source.description))
            }
            return fields
        case .managedIdentity(let identity):
            return [("credentials", "managed identity"), ("managed_identity", identity.identityName), ("managed_identity_endpoint", identity.endpoint.description)]
        case .accessToken, .pool, .provider:
            return [("credentials", credentials.kindName)]
        }
    }

    /// The snake_case name scripts see for a setting.
    public static func name(of setting: ConnectionSettings.Setting) -> String {
        switch setting {
        case .tenantID: "tenant_id"
        case .clientID: "client_id"
        case .clientSecret: "client_secret"
        case .accessToken: "access_token"
        case .baseURL: "base_url"
        case .authorityHost: "authority"
        case .credential: "credential"
        case .certificate: "certificate"
        case .federatedToken: "federated_token"
        case .managedIdentity: "managed_identity"
        case .pool: "pool"
        }
    }

    /// The value of a field, if it has one.
    public func value(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }

    /// Where a setting came from, if known.
    public func source(_ name: String) -> String? { sources.first { $0.0 == name }?.1 }
}
