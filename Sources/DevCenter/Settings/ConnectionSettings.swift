import Foundation
import Logging

/// Everything a client needs to connect, resolved from explicit options, the environment and a
/// profile, in that order of precedence.
public struct ConnectionSettings: Sendable {
    public var baseURL: ServiceBaseURL
    public var credentials: Credentials
    /// The profile that was used, if any.
    public var profileName: String?
    /// Where each setting came from, for `--verbose` output and messages.
    public var origins: [Setting: Origin]
    /// The profile's `request_timeout`, if it has one.
    public var requestTimeout: Duration?

    /// A setting that can come from several places.
    public enum Setting: String, Sendable, Hashable, CaseIterable {
        case tenantID, clientID, clientSecret, accessToken, baseURL, authorityHost
        case credential, certificate, federatedToken, managedIdentity, pool
    }

    /// Where a setting came from.
    public enum Origin: Sendable, Hashable, CustomStringConvertible {
        case explicit
        case environment(String)
        case profile(String)
        case builtInDefault

        /// Whether two settings came from the same place: both explicit, both from the
        /// environment, or both from the same profile.
        public func isSameSource(as other: Origin) -> Bool {
            switch (self, other) {
            case (.explicit, .explicit), (.environment, .environment), (.builtInDefault, .builtInDefault): return true
            case (.profile(let a), .profile(let b)): return a == b
            default: return false
            }
        }

        public var description: String {
            switch self {
            case .explicit: return "given explicitly"
            case .environment(let name): return "environment variable \(name)"
            case .profile(let name): return "profile \"\(name)\""
            case .builtInDefault: return "default"
            }
        }
    }

    public init(baseURL: ServiceBaseURL, credentials: Credentials, profileName: String? = nil, origins: [Setting: Origin] = [:]) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.profileName = profileName
        self.origins = origins
    }

    /// The environment variables read, strongest source after explicit options. Where the Azure
    /// SDKs have a name for the same thing, it is read too, after hwsubmit's own.
    public enum EnvironmentVariable {
        public static let tenantID = "HDC_TENANT_ID"
        public static let clientID = "HDC_CLIENT_ID"
        public static let clientSecret = "HDC_CLIENT_SECRET"
        public static let accessToken = "HDC_ACCESS_TOKEN"
        public static let baseURL = "HDC_BASE_URL"
        public static let profile = "HDC_PROFILE"
        public static let authorityHost = "HDC_AUTHORITY_HOST"
        public static let credential = "HDC_CREDENTIAL"
        public static let certificatePath = "HDC_CERTIFICATE_PATH"
        public static let certificatePassword = "HDC_CERTIFICATE_PASSWORD"
        public static let certificateSendChain = "HDC_CERTIFICATE_SEND_CHAIN"
        public static let certificateAlgorithm = "HDC_CERTIFICATE_ALGORITHM"
        public static let federatedTokenFile = "HDC_FEDERATED_TOKEN_FILE"
        public static let federatedTokenCommand = "HDC_FEDERATED_TOKEN_COMMAND"
        public static let federatedAudience = "HDC_FEDERATED_AUDIENCE"
        public static let managedIdentityClientID = "HDC_MANAGED_IDENTITY_CLIENT_ID"
        public static let imdsEndpoint = "HDC_IMDS_ENDPOINT"
        /// The Azure SDKs' names, read after hwsubmit's own.
        public static let azureTenantID = "AZURE_TENANT_ID"
        public static let azureClientID = "AZURE_CLIENT_ID"
        public static let azureAuthorityHost = "AZURE_AUTHORITY_HOST"
        public static let azureCertificatePath = "AZURE_CLIENT_CERTIFICATE_PATH"
        public static let azureCertificatePassword = "AZURE_CLIENT_CERTIFICATE_PASSWORD"
        public static let azureCertificateSendChain = "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN"
        public static let azureFederatedTokenFile = "AZURE_FEDERATED_TOKEN_FILE"
        public static let azureIMDSHost = "AZURE_POD_IDENTITY_AUTHORITY_HOST"
        /// What GitHub Actions sets in a job with `permissions: id-token: write`.
        public static let githubTokenRequestURL = "ACTIONS_ID_TOKEN_REQUEST_URL"
        public static let githubTokenRequestToken = "ACTIONS_ID_TOKEN_REQUEST_TOKEN"
        /// What App Service, Functions and Container Apps set for their managed identity.
        public static let identityEndpoint = "IDENTITY_ENDPOINT"
        public static let identityHeader = "IDENTITY_HEADER"

        /// The variables that hold a secret or name where one is: the interpreter takes them out
        /// of its process environment at start-up, and no sandbox may be granted them.
        public static let credentialVariables = [
            clientSecret, accessToken, certificatePath, certificatePassword, federatedTokenFile, federatedTokenCommand,
            azureCertificatePath, azureCertificatePassword, azureFederatedTokenFile, githubTokenRequestURL,
            githubTokenRequestToken, identityHeader,
        ]

        /// Those of ``credentialVariables`` that name where a secret is (a path, a command, a URL)
        /// rather than hold one: taken out of the environment like the others, but not redacted
        /// from output, where an error must be able to name the file it could not read.
        public static let credentialLocationVariables = [
            certificatePath, federatedTokenFile, federatedTokenCommand, azureCertificatePath, azureFederatedTokenFile,
            githubTokenRequestURL,
        ]
    }

    /// Resolves settings: explicit `options` first, then `environment`, then the profile named by
    /// `options.profile`, `HDC_PROFILE`, or the source's default.
    ///
    /// Credentials: with `credential` `auto` (the default), the first kind found, looking at the
    /// explicit options, then the environment, then the profile, each in the order access token,
    /// client secret, certificate, federated token (file, then command), managed identity
    /// (a user-assigned client ID), pool; then what the platform offers: GitHub Actions' OIDC
    /// token, then App Service's managed identity. The tenant and client ID are each taken from
    /// their own strongest source.
    public static func resolve(
        options: ConnectionOptions = ConnectionOptions(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        profiles: (any ProfileSource)? = nil
    ) throws -> ConnectionSettings {
        let env = environment.filter { !$0.value.isEmpty }
        typealias V = EnvironmentVariable
        let profile = try selectProfile(options: options, environment: env, profiles: profiles)
        var resolver = CredentialResolver(options: options, environment: env, profile: profile, profiles: profiles)
        var baseText = resolver.pick(.baseURL, options.baseURL, [V.baseURL], profile?.baseURL)
        if baseText == nil {
            resolver.origins[.baseURL] = .builtInDefault
            baseText = ServiceBaseURL.defaultString
        }
        let baseURL = try ServiceBaseURL(baseText!)
        var authority = resolver.pick(.authorityHost, options.authorityHost, [V.authorityHost, V.azureAuthorityHost], profile?.authorityHost)
        if authority == nil {
            resolver.origins[.authorityHost] = .builtInDefault
            authority = ClientCredentials.defaultAuthorityHost
        }
        let credentials = try resolver.credentials(authority: authority!)
        var settings = ConnectionSettings(baseURL: baseURL, credentials: credentials, profileName: profile?.name, origins: resolver.origins)
        settings.requestTimeout = profile?.requestTimeout
        return settings
    }

    /// The client's proof (secret, certificate, federated token) and its client ID when they
    /// came from different sources: the proof's name and both origins.
    public static func mixedSources(_ origins: [Setting: Origin]) -> (proof: String, proofOrigin: Origin, clientOrigin: Origin)? {
        let proofs: [(Setting, String)] = [(.clientSecret, "client secret"), (.certificate, "certificate"), (.federatedToken, "federated token")]
        guard let found = proofs.first(where: { origins[$0.0] != nil }), let proof = origins[found.0],
            let client = origins[.clientID], !proof.isSameSource(as: client)
        else {
            return nil
        }
        return (found.1, proof, client)
    }

    /// A warning when the client's proof and the client ID came from different sources, `nil`
    /// otherwise. Each setting is taken from the strongest source that has it, so an
    /// `HDC_CLIENT_SECRET` left in the environment goes with the client ID of a profile chosen
    /// with `--profile`: this says so when the pair is refused, and `hwsubmit check` shows it.
    public static func mixedSourcesNote(_ origins: [Setting: Origin]) -> String? {
        guard let mixed = mixedSources(origins) else { return nil }
        return "Note that the \(mixed.proof) came from \(mixed.proofOrigin), but the client ID from \(mixed.clientOrigin): if they belong to different app registrations, set both in one place (or unset the one you did not mean)."
    }

    private static func selectProfile(
        options: ConnectionOptions, environment: [String: String], profiles: (any ProfileSource)?
    ) throws -> Profile? {
        let requested = options.profile.flatMap { $0.isEmpty ? nil : $0 } ?? environment[EnvironmentVariable.profile]
        guard let profiles else {
            if let requested {
                throw DevCenterError.configuration(
                    "The profile \"\(requested)\" was asked for, but there is no profile file",
                    advice: "Create the profile file (for example ~/.config/hwsubmit/config.lua), or unset HDC_PROFILE.")
            }
            return nil
        }
        if let found = try profiles.profile(named: requested) { return found }
        guard let requested else { return nil }
        let names = (try? profiles.profileNames()) ?? []
        throw DevCenterError.configuration(
            "There is no profile \"\(requested)\" in \(profiles.location)",
            advice: names.isEmpty ? "Add it to that file." : "Choose one of: \(names.joined(separator: ", ")).")
    }
}

extension DevCenterClient {
    /// A client for resolved ``ConnectionSettings``.
    public convenience init(
        settings: ConnectionSettings, configuration: DevCenterConfiguration = DevCenterConfiguration(),
        transport: any HTTPTransport = AsyncHTTPClientTransport.shared, clock: DevCenterClock = .system,
        logger: Logger = Logger(label: "hwsubmit.devcenter", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        var configuration = configuration
        configuration.baseURL = settings.baseURL
        self.init(configuration: configuration, credentials: settings.credentials, transport: transport, clock: clock, logger: logger)
    }
}
