extension Credentials {
    /// The token provider a client with `configuration` uses for these credentials.
    public func makeProvider(
        configuration: DevCenterConfiguration = DevCenterConfiguration(), transport: any HTTPTransport, clock: DevCenterClock = .system
    ) -> any AccessTokenProvider {
        switch self {
        case .client(let credentials):
            return RefreshingTokenProvider(
                credentials: credentials, transport: transport, clock: clock, retryPolicy: configuration.retryPolicy,
                requestTimeout: configuration.requestTimeout, userAgent: configuration.userAgent,
                correlationID: configuration.correlationID)
        case .managedIdentity(let identity):
            return RefreshingTokenProvider(
                managedIdentity: identity, transport: transport, clock: clock, retryPolicy: configuration.retryPolicy,
                requestTimeout: configuration.requestTimeout, userAgent: configuration.userAgent,
                correlationID: configuration.correlationID)
        case .accessToken(let token):
            return StaticTokenProvider(token)
        case .pool(let members):
            return CredentialPoolTokenProvider(
                members: members.map {
                    .init(label: $0.label, provider: $0.makeProvider(configuration: configuration, transport: transport, clock: clock))
                },
                clock: clock)
        case .provider(let provider):
            return provider
        }
    }
}
