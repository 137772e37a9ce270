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

    /// The environment variables read, strongest source after explicit options.
    public enum EnvironmentVariable {
        public static let tenantID = "HDC_TENANT_ID"
        public static let clientID = "HDC_CLIENT_ID"
        public static let clientSecret = "HDC_CLIENT_SECRET"
        public static let accessToken = "HDC_ACCESS_TOKEN"
        public static let baseURL = "HDC_BASE_URL"
        public static let profile = "HDC_PROFILE"
        public static let authorityHost = "HDC_AUTHORITY_HOST"
    }

    /// Resolves settings: explicit `options` first, then `environment`, then the profile named by
    /// `options.profile`, `HDC_PROFILE`, or the source's default.
    ///
    /// Credentials come from the strongest source that holds any: an access token there wins
    /// over a client secret there; a client secret takes its tenant and client ID from wherever
    /// each is strongest.
    public static func resolve(
        options: ConnectionOptions = ConnectionOptions(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        profiles: (any ProfileSource)? = nil
    ) throws -> ConnectionSettings {
        let env = environment.filter { !$0.value.isEmpty }
        typealias V = EnvironmentVariable
        let profile = try selectProfile(options: options, environment: env, profiles: profiles)
        var origins: [Setting: Origin] = [:]

        func pick(_ setting: Setting, _ explicit: String?, _ variable: String, _ fromProfile: String?) -> String? {
            if let explicit, !explicit.isEmpty {
                origins[setting] = .explicit
                return explicit
            }
            if let value = env[variable] {
                origins[setting] = .environment(variable)
                return value
            }
            if let fromProfile, !fromProfile.isEmpty, let profile {
                origins[setting] = .profile(profile.name)
                return fromProfile
            }
            return nil
        }

        var baseText = pick(.baseURL, options.baseURL, V.baseURL, profile?.baseURL)
        if baseText == nil {
            origins[.baseURL] = .builtInDefault
            baseText = ServiceBaseURL.defaultString
        }
        let baseURL = try ServiceBaseURL(baseText!)
        var authority = pick(.authorityHost, options.authorityHost, V.authorityHost, profile?.authorityHost)
        if authority == nil {
            origins[.authorityHost] = .builtInDefault
            authority = ClientSecretCredentials.defaultAuthorityHost
        }

        let credentials: Credentials
        if let token = options.accessToken, !token.isEmpty {
            origins[.accessToken] = .explicit
            credentials = .accessToken(token)
        } else if options.clientSecret.map({ !$0.isEmpty }) == true {
            origins[.clientSecret] = .explicit
            credentials = try clientSecret(options.clientSecret!)
        } else if let token = env[V.accessToken] {
            origins[.accessToken] = .environment(V.accessToken)
            credentials = .accessToken(Secret(token))
        } else if let secret = env[V.clientSecret] {
            origins[.clientSecret] = .environment(V.clientSecret)
            credentials = try clientSecret(Secret(secret))
        } else if let profile, let source = profile.accessToken {
            origins[.accessToken] = .profile(profile.name)
            credentials = .accessToken(try source.read(environment: env, profile: profile.name, field: "access token"))
        } else if let profile, let source = profile.clientSecret {
            origins[.clientSecret] = .profile(profile.name)
            credentials = try clientSecret(try source.read(environment: env, profile: profile.name, field: "client secret"))
        } else {
            throw DevCenterError.configuration(
                "No credentials for Hardware Dev Center were found",
                advice: "Set HDC_TENANT_ID, HDC_CLIENT_ID and HDC_CLIENT_SECRET (or HDC_ACCESS_TOKEN), or choose a profile with HDC_PROFILE"
                    + (profiles.map { " from \($0.location)" } ?? "") + ".")
        }

        func clientSecret(_ secret: Secret) throws -> Credentials {
            let tenant = pick(.tenantID, options.tenantID, V.tenantID, profile?.tenantID)
            let client = pick(.clientID, options.clientID, V.clientID, profile?.clientID)
            guard let tenant, let client else {
                let missing = [tenant == nil ? "the tenant ID (HDC_TENANT_ID)" : nil, client == nil ? "the client ID (HDC_CLIENT_ID)" : nil]
                    .compactMap { $0 }.joined(separator: " and ")
                throw DevCenterError.configuration(
                    "A client secret was given but \(missing) is missing",
                    advice: "Set \(missing), or put it in the profile.")
            }
            var credentials = ClientSecretCredentials(
                tenantID: tenant, clientID: client, clientSecret: secret, authorityHost: authority!,
                tokenEndpoint: options.tokenEndpoint ?? profile?.tokenEndpoint ?? .v1)
            credentials.sourceNote = mixedSourcesNote(origins)
            return .clientSecret(credentials)
        }

        var settings = ConnectionSettings(baseURL: baseURL, credentials: credentials, profileName: profile?.name, origins: origins)
        settings.requestTimeout = profile?.requestTimeout
        return settings
    }

    /// A warning when the client secret and the client ID came from different sources, `nil`
    /// otherwise. Each setting is taken from the strongest source that has it, so an
    /// `HDC_CLIENT_SECRET` left in the environment goes with the client ID of a profile chosen
    /// with `--profile`: this says so when the pair is refused, and `hwsubmit check` shows it.
    public static func mixedSourcesNote(_ origins: [Setting: Origin]) -> String? {
        guard let secret = origins[.clientSecret], let client = origins[.clientID], !secret.isSameSource(as: client) else {
            return nil
        }
        return "Note that the client secret came from \(secret), but the client ID from \(client): if they belong to different app registrations, set both in one place (or unset the one you did not mean)."
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
