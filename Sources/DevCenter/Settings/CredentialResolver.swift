import Foundation

/// Finds the credentials of ``ConnectionSettings/resolve(options:environment:profiles:)``: which
/// kind (`credential`, or the `auto` order), then each of its settings from its strongest
/// source, recording where each came from.
struct CredentialResolver {
    typealias V = ConnectionSettings.EnvironmentVariable
    typealias Setting = ConnectionSettings.Setting

    let options: ConnectionOptions
    let env: [String: String]
    let profile: Profile?
    let profiles: (any ProfileSource)?
    var origins: [Setting: ConnectionSettings.Origin] = [:]

    init(options: ConnectionOptions, environment: [String: String], profile: Profile?, profiles: (any ProfileSource)?) {
        self.options = options
        self.env = environment
        self.profile = profile
        self.profiles = profiles
    }

    /// The value of a setting from its strongest source: explicit, then the first of
    /// `variables` that is set, then the profile.
    mutating func pick(_ setting: Setting, _ explicit: String?, _ variables: [String], _ fromProfile: String?) -> String? {
        if let explicit, !explicit.isEmpty {
            origins[setting] = .explicit
            return explicit
        }
        for variable in variables {
            if let value = env[variable] {
                origins[setting] = .environment(variable)
                return value
            }
        }
        if let fromProfile, !fromProfile.isEmpty, let profile {
            origins[setting] = .profile(profile.name)
            return fromProfile
        }
        return nil
    }

    /// A secret from its strongest source.
    private mutating func secret(_ setting: Setting, _ explicit: Secret?, _ variables: [String], _ fromProfile: SecretSource?, field: String) throws -> Secret? {
        if let explicit, !explicit.isEmpty {
            origins[setting] = .explicit
            return explicit
        }
        if let value = pick(setting, nil, variables, nil) { return Secret(value) }
        if let fromProfile, let profile {
            origins[setting] = .profile(profile.name)
            return try fromProfile.read(environment: env, profile: profile.name, field: field)
        }
        return nil
    }

    // MARK: Which kind

    /// What `auto` found: a kind, or a pool of profiles.
    private enum Found {
        case kind(CredentialKind)
        case pool([String])
    }

    mutating func credentials(authority: String) throws -> Credentials {
        let chosen = pick(.credential, options.credential?.rawValue, [V.credential], profile?.credential?.rawValue)
        var kind = CredentialKind.auto
        if let chosen {
            guard let known = CredentialKind(rawValue: chosen) else {
                throw DevCenterError.configuration(
                    "The credential \"\(chosen)\" (\(origins[.credential]!)) is not a way of signing in",
                    advice: "Use one of \(CredentialKind.names).")
            }
            kind = known
        }
        if kind == .auto {
            switch found() {
            case .pool(let names)?: return try pool(names, authority: authority)
            case .kind(let found)?: kind = found
            case nil:
                throw DevCenterError.configuration(
                    "No credentials for Hardware Dev Center were found",
                    advice: "Set HDC_TENANT_ID, HDC_CLIENT_ID and one of HDC_CLIENT_SECRET, HDC_CERTIFICATE_PATH or HDC_FEDERATED_TOKEN_FILE (or HDC_ACCESS_TOKEN), or choose a profile with HDC_PROFILE"
                        + (profiles.map { " from \($0.location)" } ?? "") + ".")
            }
        }
        return try build(kind, authority: authority)
    }

    /// The first kind of credential `auto` finds.
    private func found() -> Found? {
        func first(_ candidates: [(Bool, CredentialKind)]) -> CredentialKind? { candidates.first { $0.0 }?.1 }
        func set(_ names: [String]) -> Bool { names.contains { env[$0] != nil } }
        if let pool = options.pool, !pool.isEmpty, options.accessToken == nil, options.clientSecret == nil, options.certificatePath == nil {
            return .pool(pool)
        }
        let explicit = first([
            (options.accessToken.map { !$0.isEmpty } ?? false, .accessToken),
            (options.clientSecret.map { !$0.isEmpty } ?? false, .clientSecret),
            (options.certificatePath != nil, .certificate),
            (options.federatedTokenFile != nil || options.federatedTokenCommand != nil, .federatedToken),
            (options.managedIdentityClientID != nil, .managedIdentity),
        ])
        if let explicit { return .kind(explicit) }
        let environment = first([
            (set([V.accessToken]), .accessToken), (set([V.clientSecret]), .clientSecret),
            (set([V.certificatePath, V.azureCertificatePath]), .certificate),
            (set([V.federatedTokenFile, V.azureFederatedTokenFile, V.federatedTokenCommand]), .federatedToken),
            (set([V.managedIdentityClientID]), .managedIdentity),
        ])
        if let environment { return .kind(environment) }
        if let profile {
            let fromProfile = first([
                (profile.accessToken != nil, .accessToken), (profile.clientSecret != nil, .clientSecret),
                (profile.certificate != nil, .certificate),
                (profile.federatedTokenFile != nil || profile.federatedTokenCommand != nil, .federatedToken),
                (profile.managedIdentityClientID != nil, .managedIdentity),
            ])
            if let fromProfile { return .kind(fromProfile) }
            if let pool = profile.pool, !pool.isEmpty { return .pool(pool) }
        }
        // What the platform offers, when nothing was configured.
        if set([V.githubTokenRequestURL]) && set([V.githubTokenRequestToken]) { return .kind(.githubActions) }
        if set([V.identityEndpoint]) && set([V.identityHeader]) { return .kind(.managedIdentity) }
        return nil
    }

    // MARK: Building

    private mutating func build(_ kind: CredentialKind, authority: String) throws -> Credentials {
        let why = origins[.credential].map { " (credential \"\(kind.rawValue)\" from \($0))" } ?? ""
        switch kind {
        case .auto:
            preconditionFailure("auto is resolved to a kind first")
        case .accessToken:
            guard let token = try secret(.accessToken, options.accessToken, [V.accessToken], profile?.accessToken, field: "access token") else {
                throw missing("an access token\(why)", "HDC_ACCESS_TOKEN, or the profile's access_token_env or access_token_file")
            }
            return .accessToken(token)
        case .clientSecret:
            guard let secret = try secret(.clientSecret, options.clientSecret, [V.clientSecret], profile?.clientSecret, field: "client secret") else {
                throw missing("a client secret\(why)", "HDC_CLIENT_SECRET, or the profile's client_secret_env or client_secret_file")
            }
            return try client(.secret(secret), proofName: "A client secret", authority: authority)
        case .certificate:
            return try client(.certificate(certificate(why)), proofName: "A certificate", authority: authority)
        case .federatedToken:
            return try client(.federatedToken(federatedSource(why)), proofName: "A federated token", authority: authority)
        case .githubActions:
            guard let url = env[V.githubTokenRequestURL], let token = env[V.githubTokenRequestToken] else {
                throw DevCenterError.configuration(
                    "GitHub Actions sign-in was asked for\(why), but ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set",
                    advice: "Give the job `permissions: id-token: write` (and `contents: read`); GitHub sets them for such jobs only.")
            }
            let audience = pick(.federatedToken, options.federatedAudience, [V.federatedAudience], profile?.federatedAudience)
                ?? FederatedTokenSource.defaultAudience
            origins[.federatedToken] = .environment(V.githubTokenRequestURL)
            let source = FederatedTokenSource.githubActions(requestURL: url, requestToken: Secret(token), audience: audience)
            return try client(.federatedToken(source), proofName: "A GitHub Actions token", authority: authority)
        case .managedIdentity:
            return .managedIdentity(managedIdentity())
        }
    }

    private func missing(_ what: String, _ settings: String) -> DevCenterError {
        DevCenterError.configuration("Signing in needs \(what), but none is set", advice: "Set \(settings).")
    }

    /// App-registration credentials: `proof` with the tenant and client ID from their strongest sources.
    private mutating func client(_ proof: ClientProof, proofName: String, authority: String) throws -> Credentials {
        let tenant = pick(.tenantID, options.tenantID, [V.tenantID, V.azureTenantID], profile?.tenantID)
        let client = pick(.clientID, options.clientID, [V.clientID, V.azureClientID], profile?.clientID)
        guard let tenant, let client else {
            let missing = [tenant == nil ? "the tenant ID (HDC_TENANT_ID)" : nil, client == nil ? "the client ID (HDC_CLIENT_ID)" : nil]
                .compactMap { $0 }.joined(separator: " and ")
            throw DevCenterError.configuration(
                "\(proofName) was given but \(missing) is missing",
                advice: "Set \(missing), or put it in the profile.")
        }
        var credentials = ClientCredentials(
            tenantID: tenant, clientID: client, proof: proof, authorityHost: authority,
            tokenEndpoint: options.tokenEndpoint ?? profile?.tokenEndpoint ?? .v1)
        credentials.sourceNote = ConnectionSettings.mixedSourcesNote(origins)
        return .client(credentials)
    }

    private mutating func certificate(_ why: String) throws -> ClientCertificate {
        guard let path = pick(.certificate, options.certificatePath, [V.certificatePath, V.azureCertificatePath], profile?.certificate?.path) else {
            throw missing("a certificate\(why)", "HDC_CERTIFICATE_PATH (or AZURE_CLIENT_CERTIFICATE_PATH) to a PEM or PKCS#12 file, or the profile's certificate_path")
        }
        let pathOrigin = origins[.certificate]
        let passphraseSource = profile?.certificate?.passphrase
        let passphrase = try secret(
            .certificate, options.certificatePassphrase, [V.certificatePassword, V.azureCertificatePassword], passphraseSource,
            field: "certificate passphrase")
        origins[.certificate] = pathOrigin
        var passphraseSetting = "HDC_CERTIFICATE_PASSWORD"
        if case .environment(let name)? = passphraseSource { passphraseSetting = name }
        let algorithmText = pick(.certificate, options.certificateAlgorithm?.rawValue, [V.certificateAlgorithm], profile?.certificate?.algorithm.rawValue)
        let sendChainText = pick(
            .certificate, options.sendCertificateChain.map { $0 ? "true" : "false" }, [V.certificateSendChain, V.azureCertificateSendChain],
            profile?.certificate.map { $0.sendChain ? "true" : "false" })
        origins[.certificate] = pathOrigin
        guard let algorithm = ClientCertificate.SigningAlgorithm(rawValue: (algorithmText ?? "RS256").uppercased()) else {
            throw DevCenterError.configuration(
                "The certificate signing algorithm \"\(algorithmText!)\" is not supported", advice: "Use RS256 or PS256 (HDC_CERTIFICATE_ALGORITHM).")
        }
        let sendChain = ["1", "true", "yes"].contains((sendChainText ?? "").lowercased())
        return try ClientCertificate.load(
            path: SecretSource.expandingTilde(path, environment: env), passphrase: passphrase, algorithm: algorithm, sendChain: sendChain,
            passphraseSetting: passphraseSetting)
    }

    /// A federated token file or command, from the strongest source that has either.
    private mutating func federatedSource(_ why: String) throws -> FederatedTokenSource {
        let levels: [(ConnectionSettings.Origin?, String?, String?)] = [
            (.explicit, options.federatedTokenFile, options.federatedTokenCommand),
            (env[V.federatedTokenFile] != nil ? .environment(V.federatedTokenFile) : .environment(V.azureFederatedTokenFile),
             env[V.federatedTokenFile] ?? env[V.azureFederatedTokenFile], nil),
            (.environment(V.federatedTokenCommand), nil, env[V.federatedTokenCommand]),
            (profile.map { .profile($0.name) }, profile?.federatedTokenFile, profile?.federatedTokenCommand),
        ]
        for (origin, file, command) in levels {
            if let file, !file.isEmpty {
                origins[.federatedToken] = origin
                return .file(SecretSource.expandingTilde(file, environment: env))
            }
            if let command, !command.isEmpty {
                origins[.federatedToken] = origin
                return .command(command)
            }
        }
        throw missing(
            "a federated token\(why)",
            "AZURE_FEDERATED_TOKEN_FILE (or HDC_FEDERATED_TOKEN_FILE) to the token's file, HDC_FEDERATED_TOKEN_COMMAND to a command that prints it, or the profile's federated_token_file or federated_token_command; in GitHub Actions use credential \"github_actions\"")
    }

    private mutating func managedIdentity() -> ManagedIdentityCredentials {
        let clientID = pick(.managedIdentity, options.managedIdentityClientID, [V.managedIdentityClientID], profile?.managedIdentityClientID)
        let clientOrigin = origins[.managedIdentity]
        if let endpoint = env[V.identityEndpoint], let header = env[V.identityHeader] {
            origins[.managedIdentity] = clientOrigin ?? .environment(V.identityEndpoint)
            return ManagedIdentityCredentials(endpoint: .appService(url: endpoint, header: Secret(header)), clientID: clientID)
        }
        let host = pick(.managedIdentity, options.imdsHost, [V.imdsEndpoint, V.azureIMDSHost], nil) ?? ManagedIdentityCredentials.defaultIMDSHost
        if clientOrigin != nil || origins[.managedIdentity] == nil { origins[.managedIdentity] = clientOrigin ?? origins[.credential] ?? .builtInDefault }
        return ManagedIdentityCredentials(endpoint: .imds(host: host), clientID: clientID)
    }

    /// The credentials of each profile named in a pool.
    private mutating func pool(_ names: [String], authority: String) throws -> Credentials {
        guard let profiles else {
            throw DevCenterError.configuration("A credential pool names profiles, but there is no profile file", advice: "Create the profile file with the pool's profiles.")
        }
        origins[.pool] = options.pool != nil ? .explicit : profile.map { .profile($0.name) } ?? .explicit
        // Each member is used as its profile says, whatever the environment holds for a single client.
        let memberEnvironment = env.filter { !$0.key.hasPrefix("HDC_") && !$0.key.hasPrefix("AZURE_") }
        var members: [Credentials] = []
        for name in names {
            guard let member = try profiles.profile(named: name) else {
                throw DevCenterError.configuration(
                    "The credential pool names the profile \"\(name)\", which \(profiles.location) does not have",
                    advice: "Add it, or remove it from the pool.")
            }
            guard member.pool == nil else {
                throw DevCenterError.configuration("The credential pool's member \"\(name)\" is itself a pool", advice: "List profiles with credentials of their own.")
            }
            var memberOptions = ConnectionOptions(profile: name)
            memberOptions.authorityHost = member.authorityHost == nil ? authority : nil
            do {
                members.append(try ConnectionSettings.resolve(options: memberOptions, environment: memberEnvironment, profiles: profiles).credentials)
            } catch var error as DevCenterError {
                error.message = "In the credential pool, profile \"\(name)\": \(error.message)"
                throw error
            }
        }
        return .pool(members)
    }
}
