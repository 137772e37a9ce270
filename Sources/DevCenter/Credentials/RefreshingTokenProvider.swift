import Foundation
import Logging

/// Gets tokens by a grant (client credentials with a secret, a certificate or a federated token;
/// or a managed identity), caches them, refreshes them ahead of expiry, and lets any number of
/// concurrent callers share one refresh.
public actor RefreshingTokenProvider: AccessTokenProvider {
    private let grant: any TokenGrant
    /// How the provider signs in, for `hwsubmit check` ("certificate", "managed identity").
    public nonisolated let kindName: String
    private let transport: any HTTPTransport
    private let runner: RetryRunner
    private let requestTimeout: Duration
    private let userAgent: String
    /// Sent as `client-request-id`, which Entra ID keeps as the request's correlation ID.
    private let correlationID: String?
    /// How long before expiry a token is replaced (at most a fifth of its lifetime).
    private let refreshMargin: Duration
    private var cached: AccessToken?
    private var inFlight: Task<AccessToken, any Error>?
    /// After an early refresh failed, when to try again (meanwhile the cached token serves).
    private var refreshRetryAt: Duration?

    /// A provider for an app registration's client credentials.
    public init(
        credentials: ClientCredentials, transport: any HTTPTransport, clock: DevCenterClock = .system,
        retryPolicy: RetryPolicy = .default, requestTimeout: Duration = .seconds(30),
        refreshMargin: Duration = .seconds(300), userAgent: String = HWSubmitVersion.userAgent,
        correlationID: String? = nil
    ) {
        self.init(
            grant: ClientCredentialsGrant(credentials: credentials), kindName: credentials.proof.kindName, transport: transport,
            clock: clock, retryPolicy: retryPolicy, requestTimeout: requestTimeout, refreshMargin: refreshMargin,
            userAgent: userAgent, correlationID: correlationID)
    }

    /// A provider for a managed identity.
    public init(
        managedIdentity: ManagedIdentityCredentials, transport: any HTTPTransport, clock: DevCenterClock = .system,
        retryPolicy: RetryPolicy = .default, requestTimeout: Duration = .seconds(30),
        refreshMargin: Duration = .seconds(300), userAgent: String = HWSubmitVersion.userAgent,
        correlationID: String? = nil
    ) {
        self.init(
            grant: ManagedIdentityGrant(credentials: managedIdentity), kindName: "managed identity", transport: transport,
            clock: clock, retryPolicy: retryPolicy, requestTimeout: requestTimeout, refreshMargin: refreshMargin,
            userAgent: userAgent, correlationID: correlationID)
    }

    init(
        grant: any TokenGrant, kindName: String, transport: any HTTPTransport, clock: DevCenterClock,
        retryPolicy: RetryPolicy, requestTimeout: Duration, refreshMargin: Duration, userAgent: String,
        correlationID: String?
    ) {
        self.grant = grant
        self.kindName = kindName
        self.correlationID = correlationID
        self.transport = transport
        self.runner = RetryRunner(policy: retryPolicy, clock: clock)
        self.requestTimeout = requestTimeout
        self.refreshMargin = refreshMargin
        self.userAgent = userAgent
    }

    public nonisolated var secrets: [Secret] { grant.secrets }

    public func token(logger: Logger) async throws -> AccessToken {
        let now = runner.clock.now
        if let cached, let refreshAt = cached.refreshAt, now < refreshAt { return cached }
        // Due for replacement but still good: a failed refresh is no reason to fail the caller.
        let stillGood = cached.flatMap { Self.isGood($0, at: now) ? $0 : nil }
        if let stillGood, let retryAt = refreshRetryAt, now < retryAt { return stillGood }
        let task: Task<AccessToken, any Error>
        if let inFlight {
            task = inFlight
        } else {
            // With a good token in hand, one attempt: retrying can wait for a later caller.
            task = Task { try await self.fetch(logger: logger, retrying: stillGood == nil) }
            inFlight = task
        }
        do {
            let token = try await task.value
            if inFlight == task { inFlight = nil }
            cached = token
            refreshRetryAt = nil
            return token
        } catch {
            if inFlight == task { inFlight = nil }
            let now = runner.clock.now
            guard let stillGood, Self.isGood(stillGood, at: now), let expiresAt = stillGood.expiresAt else { throw error }
            let left = expiresAt - now
            refreshRetryAt = now + min(Self.refreshRetryPause, left / 4)
            logger.warning(
                "replacing the access token ahead of its expiry failed; using the current one, good for \(left.humanReadable) more, and trying again later",
                metadata: ["error": "\((error as? DevCenterError)?.message ?? String(describing: error))"])
            return stillGood
        }
    }

    /// How long after a failed early refresh the next one is tried (less when expiry is near).
    static let refreshRetryPause: Duration = .seconds(30)

    /// Whether `token` has not expired yet.
    private static func isGood(_ token: AccessToken, at now: Duration) -> Bool {
        token.expiresAt.map { now < $0 } ?? false
    }

    public func invalidate(_ token: AccessToken) async -> Bool {
        if cached == token { cached = nil }
        return true
    }

    private func fetch(logger: Logger, retrying: Bool) async throws -> AccessToken {
        let url = grant.url
        let operation = "\(grant.method) \(url)"
        var headers: TransportHeaders = ["Accept": "application/json", "User-Agent": userAgent]
        if let correlationID {
            headers.add("client-request-id", correlationID)
            headers.add("return-client-request-id", "true")
        }
        logger.debug("requesting an access token", metadata: ["url": "\(url)", "as": "\(grant.who)"])
        var runner = self.runner
        if !retrying { runner.policy.maximumAttempts = 1 }
        let host = AsyncHTTPClientTransport.host(of: url)
        let context = TokenGrantContext(
            transport: transport, headers: headers, timeout: requestTimeout, userAgent: userAgent, now: runner.clock.date, logger: logger)
        let grant = self.grant
        let clock = runner.clock
        let response = try await runner.run(operation, as: .read, logger: logger) { _ in
            var context = context
            context.now = clock.date
            let request = try await grant.request(context)
            let response: TransportResponse
            do {
                response = try await transport.send(request, logger: logger)
            } catch var error as DevCenterError {
                if error.kind == .network {
                    error.advice = DevCenterError.networkAdvice(host: host, setting: grant.hostSetting)
                }
                throw error.with(correlationID: correlationID)
            }
            guard response.isSuccess else { throw self.error(for: response, operation: operation) }
            return response
        }
        return try readToken(response, operation: operation)
    }

    private nonisolated func error(for response: TransportResponse, operation: String) -> DevCenterError {
        let json = try? JSONValue(parsing: response.body)
        // Entra ID names its request in a header and in the body ("Trace ID"); support asks for it.
        let traceID = response.headers["x-ms-request-id"] ?? json?["trace_id"]?.stringValue
        var error: DevCenterError
        if (400...403).contains(response.status) {
            error = grant.refusal(response, operation: operation)
        } else {
            error = .response(
                status: response.status, body: response.body, headers: response.headers, operation: operation,
                retryAfter: RetryAfter.parse(response.headers, now: runner.clock.date))
            if error.kind == .server {
                let ids = traceID != nil
                    ? "the request ID (Entra ID's trace ID) and the correlation ID shown below"
                    : "the correlation ID shown below and the time of the failure"
                error.advice = "The token endpoint (\(AsyncHTTPClientTransport.host(of: grant.url) ?? grant.url)) failed; this usually passes: try again later. If it persists, give Microsoft support \(ids)."
            }
        }
        error.requestID = traceID
        error.correlationID = correlationID
        return error
    }

    private func readToken(_ response: TransportResponse, operation: String) throws -> AccessToken {
        guard let json = try? JSONValue(parsing: response.body), let value = json["access_token"]?.stringValue,
            !value.isEmpty
        else {
            throw DevCenterError.invalidResponse(operation: operation, detail: "no access_token in the answer", status: response.status)
        }
        let now = runner.clock.now
        var lifetime: Duration = .seconds(3600)
        if let seconds = json["expires_in"]?.doubleValue, seconds > 0 {
            lifetime = .clampedSeconds(seconds)
        } else if let expiresOn = json["expires_on"]?.doubleValue {
            lifetime = .clampedSeconds(expiresOn - runner.clock.date.timeIntervalSince1970)
        }
        let margin = min(refreshMargin, lifetime / 5)
        return AccessToken(value: Secret(value), refreshAt: now + lifetime - margin, expiresAt: now + lifetime)
    }
}
