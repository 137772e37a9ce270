import Foundation
import Logging
import NIOConcurrencyHelpers

/// A client for every operation of the Hardware Dev Center hardware API.
///
/// It builds URLs from the documented path templates, authenticates with cached tokens, sends
/// `MS-CorrelationId` and `MS-RequestId`, retries by the service's safe-retry rules, reconciles
/// creates and commits whose outcome is unknown, follows `next_link` lazily, and logs through
/// the logger it is given with every secret redacted.
///
/// ```swift
/// let client = DevCenterClient(credentials: .client(.init(tenantID: t, clientID: c, clientSecret: s)))
/// let product = try await client.createProduct(NewProduct(productName: "Contoso Widget", requestedSignatures: [...]))
/// ```
public final class DevCenterClient: Sendable {
    public let configuration: DevCenterConfiguration
    public let tokenProvider: any AccessTokenProvider
    public let transport: any HTTPTransport
    public let clock: DevCenterClock
    /// Removes tokens, the client secret and SAS signatures; applied to every log line of this client.
    public let redactor: Redactor
    /// The logger every line of this client goes to, redacting and tagged with the correlation ID.
    public let logger: Logger
    let runner: RetryRunner

    public var correlationID: String { configuration.correlationID }
    public var baseURL: ServiceBaseURL { configuration.baseURL }

    /// - Parameters:
    ///   - transport: defaults to ``AsyncHTTPClientTransport/shared``, which starts its HTTP client on the first request.
    ///   - clock: what waits (back-off, rate limit, token expiry); tests inject their own.
    ///   - logger: where to log; lines are redacted before they reach its handler.
    public init(
        configuration: DevCenterConfiguration = DevCenterConfiguration(), credentials: Credentials,
        transport: any HTTPTransport = AsyncHTTPClientTransport.shared, clock: DevCenterClock = .system,
        logger: Logger = Logger(label: "hwsubmit.devcenter", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.tokenProvider = credentials.makeProvider(configuration: configuration, transport: transport, clock: clock)
        var redactor = Redactor()
        for secret in tokenProvider.secrets { redactor.add(secret.exposedValue) }
        self.redactor = redactor
        var logger = logger.redacting(with: redactor)
        logger[metadataKey: "ms-correlation-id"] = "\(configuration.correlationID)"
        self.logger = logger
        self.runner = RetryRunner(
            policy: configuration.retryPolicy, clock: clock,
            rateLimiter: configuration.requestsPerMinute.map { RequestRateLimiter(requestsPerMinute: $0, clock: clock) })
    }

    // MARK: Raw access

    /// Sends `endpoint` under the retry rules of its operation class and returns the answer's
    /// JSON (`nil` for an empty answer, as 202 and 204 are).
    ///
    /// Creates sent this way are retried only when provably not sent; they are not reconciled
    /// (the typed `create…` methods do that).
    public func send(_ endpoint: Endpoint) async throws -> JSONValue? {
        let response = try await execute(endpoint)
        return try Self.json(of: response, operation: endpoint.operation)
    }

    /// Sends `endpoint` and decodes the answer as `T`.
    public func send<T: Decodable>(_ endpoint: Endpoint, as type: T.Type) async throws -> T {
        let response = try await execute(endpoint)
        return try Self.decode(type, from: response, operation: endpoint.operation, logger: logger)
    }

    // MARK: Execution

    /// Runs an endpoint's attempts; `reconcile` settles ambiguous creates and commits.
    func execute<T: Sendable>(
        _ endpoint: Endpoint, reconcile: (@Sendable (DevCenterError) async throws -> T?)? = nil,
        finish: @Sendable @escaping (TransportResponse) throws -> T
    ) async throws -> T {
        try await execute(
            method: endpoint.method, url: baseURL.url(for: endpoint.pathAndQuery), operation: endpoint.operation,
            body: endpoint.body, operationClass: endpoint.operationClass, reconcile: reconcile, finish: finish)
    }

    func execute(_ endpoint: Endpoint) async throws -> TransportResponse {
        try await execute(endpoint, reconcile: nil) { $0 }
    }

    func execute<T: Sendable>(
        method: String, url: String, operation: String, body: JSONBody?, operationClass: OperationClass,
        upload: UploadedFile? = nil, acceptsRedirect: Bool = false,
        reconcile: (@Sendable (DevCenterError) async throws -> T?)?,
        finish: @Sendable @escaping (TransportResponse) throws -> T
    ) async throws -> T {
        let lastToken = NIOLockedValueBox<AccessToken?>(nil)
        let bodyBytes = body?.bytes
        let provider = tokenProvider
        let deadline = OperationDeadline.forOperation(of: self)
        // Within an enclosing operation (a reconciliation's lookup), only what is left of its time.
        var runner = self.runner
        runner.policy.deadline = max(.zero, deadline.at - clock.now)
        do {
            return try await OperationDeadline.$current.withValue(deadline) {
                try await runner.run(
                    operation, as: operationClass, logger: logger,
                    refreshCredentials: { [logger] in
                        guard let token = lastToken.withLockedValue({ $0 }) else { return false }
                        logger.debug("the access token was refused; fetching a new one")
                        return await provider.invalidate(token)
                    },
                    reconcile: reconcile
                ) { [clock, configuration] attempt in
                    var token: AccessToken
                    do {
                        token = try await provider.token(logger: logger)
                    } catch let error as DevCenterError {
                        // The provider has already retried by the same policy: no attempt of this
                        // operation can go out without a token, so it ends here, provably unsent.
                        throw TokenRequestFailure(error: error)
                    }
                    // A 429 was not processed: with a pool, another credential sends it again at
                    // once (each credential at most once), while the limited one rests.
                    var sends = 0
                    while true {
                        lastToken.withLockedValue { $0 = token }
                        // No attempt outlives the operation's deadline (but each gets a moment to try).
                        let timeout = min(configuration.requestTimeout, max(.seconds(1), deadline.at - clock.now))
                        do {
                            let response = try await self.attempt(
                                method: method, url: url, operation: operation, body: bodyBytes, token: token, attempt: attempt,
                                timeout: timeout, upload: upload, acceptsRedirect: acceptsRedirect)
                            return try finish(response)
                        } catch let error as DevCenterError where error.status == 429 {
                            sends += 1
                            guard sends < 16, await provider.rateLimited(token, retryAfter: error.retryAfter) else { throw error }
                            logger.debug("\(operation) was rate limited; sending it again with the next credential of the pool")
                            do {
                                token = try await provider.token(logger: logger)
                            } catch let error as DevCenterError {
                                throw TokenRequestFailure(error: error)
                            }
                        }
                    }
                }
            }
        } catch let failure as TokenRequestFailure {
            throw failure.error(unsent: operation).with(correlationID: correlationID)
        } catch var error as DevCenterError {
            if error.status == 401, tokenProvider is StaticTokenProvider {
                error.advice = "The access token (HDC_ACCESS_TOKEN) was refused: it has probably expired. Get a new one, or use client-secret credentials so tokens are refreshed."
            }
            throw error.with(correlationID: correlationID)
        }
    }

    /// One HTTP exchange: headers, send, log, and an error for any answer outside 2xx.
    private func attempt(
        method: String, url: String, operation: String, body: [UInt8]?, token: AccessToken, attempt: Int,
        timeout: Duration, upload: UploadedFile? = nil, acceptsRedirect: Bool = false
    ) async throws -> TransportResponse {
        let requestID = UUID().uuidString.lowercased()
        RequestIDRecorder.current?.record(requestID)
        var headers: TransportHeaders = [
            "Authorization": "Bearer \(token.value.exposedValue)", "Accept": "application/json",
            "User-Agent": configuration.userAgent, "MS-CorrelationId": correlationID, "MS-RequestId": requestID,
        ]
        if body != nil { headers.add("Content-Type", "application/json; charset=utf-8") }
        var request = TransportRequest(
            method: method, url: url, headers: headers, body: body ?? (method == "GET" ? nil : []), timeout: timeout)
        if let upload {
            request.headers.add("Content-Type", upload.contentType)
            request = TransportRequest(
                method: method, url: url, headers: request.headers, fileAt: upload.path, size: upload.size, timeout: timeout)
        }
        var metadata: Logger.Metadata = ["ms-request-id": "\(requestID)", "attempt": "\(attempt)"]
        let started = clock.now
        let response: TransportResponse
        do {
            response = try await transport.send(request, logger: logger)
        } catch var error as DevCenterError {
            error.requestID = error.requestID ?? requestID
            error.correlationID = correlationID
            if error.kind == .network {
                error.advice = DevCenterError.networkAdvice(
                    host: AsyncHTTPClientTransport.host(of: url), setting: DevCenterError.baseURLSetting)
                error.nextStep = .checkBaseURL
            }
            logger.debug("\(operation) failed: \(error.message)", metadata: metadata)
            throw error
        }
        metadata["status"] = "\(response.status)"
        logger.debug("\(operation) answered \(response.status) in \((clock.now - started).humanReadable)", metadata: metadata)
        guard response.isSuccess || (acceptsRedirect && (300..<400).contains(response.status)) else {
            throw DevCenterError.response(
                status: response.status, body: response.body, headers: response.headers, operation: operation,
                requestID: requestID, correlationID: correlationID,
                retryAfter: RetryAfter.parse(response.headers, now: clock.date))
        }
        return response
    }

    // MARK: Decoding

    static func json(of response: TransportResponse, operation: String) throws -> JSONValue? {
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
        do {
            return try JSONValue(parsing: response.body)
        } catch {
            throw DevCenterError.invalidResponse(operation: operation, detail: "the body is not JSON", status: response.status)
        }
    }

    /// Decodes an answer as `T`; what decoding left out (an unreadable link or download item)
    /// goes to `logger` at debug level.
    static func decode<T: Decodable>(_ type: T.Type, from response: TransportResponse, operation: String, logger: Logger) throws -> T {
        guard let json = try json(of: response, operation: operation) else {
            throw DevCenterError.invalidResponse(operation: operation, detail: "the body is empty", status: response.status)
        }
        do {
            let notes = DecodingNotes()
            let value = try json.decode(type, notes: notes)
            for note in notes.all { logger.debug("\(operation): \(note)") }
            return value
        } catch {
            throw DevCenterError.invalidResponse(
                operation: operation, detail: "\(T.self) could not be read: \(DecodingErrorText.describe(error))",
                status: response.status)
        }
    }
}

/// A token request that failed after the token provider's own retries: it ends the operation
/// that needed the token at once, without retries or reconciliation of its own.
struct TokenRequestFailure: Error {
    var error: DevCenterError

    /// The error to report: the token request's, saying that `operation` was never sent.
    func error(unsent operation: String) -> DevCenterError {
        var reported = error
        reported.message = "Getting an access token failed, so \(operation) was not sent: \(error.message)"
        reported.delivery = .notSent
        return reported
    }
}
