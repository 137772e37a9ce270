import DevCenter
import Foundation
import Hummingbird
import NIOCore

/// A running emulator of the Hardware Dev Center service on one loopback port: the token
/// endpoint, the hardware API, the blob endpoint behind SAS URLs, and the admin API.
///
/// ```swift
/// let emulator = try await EmulatorServer.start(EmulatorConfiguration(stepDelay: .milliseconds(50)))
/// defer { Task { await emulator.stop() } }
/// emulator.baseURL                   // "http://127.0.0.1:41234/v2.0/my/hardware"
/// emulator.tokenURL()                // "http://127.0.0.1:41234/<tenant>/oauth2/token"
/// emulator.injectFault(FaultRule(route: "POST /products", status: 503, retryAfter: 1))
/// emulator.advanceClock(bySeconds: 3600)
/// await emulator.stop()
/// ```
///
/// Every admin function here does what the matching `/_emulator/…` endpoint does.
public final class EmulatorServer: Sendable {
    private let core: EmulatorCore
    private let serverTask: Task<Void, Never>
    private let stopped = LockedValue(false)

    /// The port the server listens on (the real one when started with port 0).
    public let port: Int

    private init(core: EmulatorCore, task: Task<Void, Never>, port: Int) {
        self.core = core
        self.serverTask = task
        self.port = port
    }

    /// Starts an emulator and returns once it accepts connections.
    public static func start(_ configuration: EmulatorConfiguration = EmulatorConfiguration()) async throws -> EmulatorServer {
        let core = try EmulatorCore(configuration: configuration)
        let responder = CallbackResponder<EmulatorRequestContext> { request, context in
            await core.respond(to: request, context: context)
        }
        let (events, continuation) = AsyncStream<Result<Int, Error>>.makeStream()
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "hwsubmit-emulator"),
            onServerRunning: { channel in continuation.yield(.success(channel.localAddress?.port ?? 0)) },
            logger: configuration.logger)
        let task = Task {
            do {
                try await app.run()
            } catch {
                continuation.yield(.failure(error))
            }
            continuation.finish()
        }
        var port: Int?
        do {
            for await event in events {
                port = try event.get()
                break
            }
        } catch {
            core.store.removeAll()
            throw EmulatorStartError.cannotListen(host: configuration.host, port: configuration.port, error)
        }
        guard let port else {
            core.store.removeAll()
            throw EmulatorStartError(message: "the emulator stopped before it listened on \(configuration.host):\(configuration.port)")
        }
        core.boundPort.withLock { $0 = port }
        return EmulatorServer(core: core, task: task, port: port)
    }

    /// Stops serving, closes connections and removes the blob directory. Safe to call twice.
    public func stop() async {
        let first = stopped.withLock { wasStopped in
            defer { wasStopped = true }
            return !wasStopped
        }
        guard first else { return }
        serverTask.cancel()
        await serverTask.value
        core.store.removeAll()
    }

    /// Waits until the server stops (after ``stop()``).
    public func waitUntilStopped() async { await serverTask.value }

    // MARK: - Addresses and credentials

    /// `http://127.0.0.1:PORT`: the token host (the "authority" of Azure AD).
    public var authority: String { core.origin }
    /// `http://127.0.0.1:PORT/v2.0/my/hardware`.
    public var baseURL: String { core.origin + "/v2.0/my/hardware" }
    /// The retired prefix, still served: `http://127.0.0.1:PORT/v1.0/my/hardware`.
    public var legacyBaseURL: String { core.origin + "/v1.0/my/hardware" }
    /// `http://127.0.0.1:PORT/_emulator`.
    public var adminURL: String { core.origin + "/_emulator" }
    /// The token endpoint for `tenant` (default: the emulator's own): `…/{tenant}/oauth2/token`, or `…/oauth2/v2.0/token`.
    public func tokenURL(tenant: String? = nil, v2: Bool = false) -> String {
        "\(core.origin)/\(tenant ?? tenantID)/oauth2/\(v2 ? "v2.0/" : "")token"
    }
    public var tenantID: String { core.configuration.tenantID }
    public var clientID: String { core.configuration.clientID }
    public var clientSecret: String { core.configuration.clientSecret }
    public var storageAccount: String { core.configuration.storageAccount }
    /// The emulator's clock (real time plus whatever tests advanced it by).
    public var clock: EmulatorClock { core.clock }

    /// The one-line JSON the `--ready-json` flag prints.
    public var readyJSON: String {
        let value: JSONValue = [
            "baseURL": .string(baseURL), "authority": .string(authority), "tokenURL": .string(tokenURL()),
            "adminURL": .string(adminURL), "tenantId": .string(tenantID), "clientId": .string(clientID),
            "clientSecret": .string(clientSecret), "oidcIssuer": .string(oidcIssuer),
            "githubTokenRequestURL": .string(githubTokenRequestURL), "identityEndpoint": .string(identityEndpoint),
            "identityRequestToken": .string(EmulatorDefaults.identityRequestToken),
        ]
        return value.jsonText
    }

    // MARK: - Admin functions

    /// Adds a fault; returns its ID (as listed in ``stateDump()``).
    @discardableResult
    public func injectFault(_ rule: FaultRule) -> Int { core.faults.add(rule) }

    /// Removes every fault.
    public func clearFaults() { core.faults.clear() }

    /// Limits hardware API requests per minute (answered `429` with `Retry-After`); `nil` removes the limit.
    public func setRateLimit(requestsPerMinute: Int?) { core.faults.setRateLimit(requestsPerMinute) }

    /// Makes submission `id` (or the next one created, when `nil`) fail when its pipeline reaches `step`.
    public func failSubmission(_ id: Int64?, at step: WorkflowStep, messages: [String] = []) throws {
        try core.failSubmission(id, at: PlannedFailure(step: step, messages: messages))
    }

    /// Plans a failure at `step` (a shipping label step) for label `id`'s current pipeline run,
    /// or for the next label created when `id` is `nil`.
    public func failShippingLabel(_ id: Int64?, at step: WorkflowStep, messages: [String] = []) throws {
        try core.failLabel(id, at: PlannedFailure(step: step, messages: messages))
    }

    /// Makes every SAS URL issued so far expire `seconds` from now (0: at once). URLs issued later are unaffected.
    public func expireSASURLs(inSeconds seconds: Double = 0) { core.signer.expireIssued(inSeconds: seconds) }

    /// Moves the emulator's clock forward: tokens, SAS URLs, pipelines and rate-limit windows all see it.
    public func advanceClock(bySeconds seconds: Double) { core.clock.advance(bySeconds: seconds) }

    /// The requests answered so far (admin requests excluded), in order of arrival.
    public func requestLog() -> [RequestLogEntry] { core.log.entries }

    public func clearRequestLog() { core.log.clear() }

    /// Applies a scenario's faults, rate limit and submission failures.
    public func apply(_ scenario: EmulatorScenario) throws { try core.apply(scenario) }

    /// Forgets every product, submission, label, blob, fault, limit and log entry, and resets the clock.
    /// Access tokens stay valid.
    public func reset() { core.reset() }

    // MARK: - Identities

    /// Adds app registrations (secrets, certificates, federated credentials, rate limits) and
    /// managed identities, or replaces those with the same client ID.
    public func registerIdentities(_ setup: IdentitySetup) throws { try core.identities.apply(setup) }

    /// The emulator's OIDC issuer, `http://127.0.0.1:PORT/oidc`.
    public var oidcIssuer: String { OIDCIssuer.issuer(origin: core.origin) }

    /// What GitHub Actions would set as `ACTIONS_ID_TOKEN_REQUEST_URL`; the request token
    /// (`ACTIONS_ID_TOKEN_REQUEST_TOKEN`) is ``EmulatorDefaults/identityRequestToken``.
    public var githubTokenRequestURL: String { core.githubTokenRequestURL }

    /// App Service's `IDENTITY_ENDPOINT`; its `IDENTITY_HEADER` is ``EmulatorDefaults/identityRequestToken``.
    public var identityEndpoint: String { core.origin + "/msi/token" }

    /// A token of the emulator's OIDC issuer for a token file (`AZURE_FEDERATED_TOKEN_FILE`); by
    /// default for the subject and audience the default app registration trusts.
    public func mintFederatedToken(subject: String? = nil, audience: String? = nil, lifetimeSeconds: Double = 3600) -> String {
        core.mintFederatedToken(subject: subject, audience: audience, lifetimeSeconds: lifetimeSeconds)
    }

    /// Everything the emulator holds, as `GET /_emulator/state` returns it.
    public func stateDump() -> JSONValue { core.stateDump() }
}
