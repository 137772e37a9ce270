import DevCenter
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Everything one emulator instance holds, and the dispatch of each request: admin API, or a
/// route of the token, hardware or blob service with faults, rate limit, bearer check and logging.
final class EmulatorCore: Sendable {
    let clock: EmulatorClock
    let store: BlobStore
    let signer: SASSigner
    let tokens: TokenService
    let identities: IdentityRegistry
    let issuer = OIDCIssuer()
    let identityRoutes: IdentityRoutes
    let hardware: HardwareService
    let blobs: BlobService
    let faults = FaultInjector()
    let log = RequestLog()
    let configuration: EmulatorConfiguration
    let logger: Logger
    /// The bound port, known once the server listens.
    let boundPort = LockedValue<Int>(0)

    init(configuration: EmulatorConfiguration) throws {
        self.configuration = configuration
        logger = configuration.logger
        clock = EmulatorClock(followsRealTime: configuration.clockFollowsRealTime)
        store = try BlobStore(clock: clock)
        signer = SASSigner(account: configuration.storageAccount, clock: clock)
        identities = IdentityRegistry(clientID: configuration.clientID, clientSecret: configuration.clientSecret)
        tokens = TokenService(
            tenantID: configuration.tenantID, lifetime: configuration.tokenLifetime, clock: clock, identities: identities, issuer: issuer)
        identityRoutes = IdentityRoutes(tenantID: configuration.tenantID, tokens: tokens, identities: identities, issuer: issuer, clock: clock)
        var sasLifetime = configuration.sasLifetime
        if let seconds = configuration.scenario?.sasLifetimeSeconds, seconds > 0 { sasLifetime = .milliseconds(Int64(seconds * 1000)) }
        hardware = HardwareService(
            clock: clock, store: store, signer: signer, stepDelay: configuration.stepDelay,
            pageSize: configuration.pageSize, sasLifetime: sasLifetime, approvalDelay: configuration.approvalDelay,
            clientID: configuration.clientID,
            forms: HardwareService.AnswerForms(nextLink: configuration.nextLinkForm), metadataDelay: configuration.metadataDelay)
        blobs = BlobService(account: configuration.storageAccount, store: store, signer: signer)
        if let scenario = configuration.scenario {
            do {
                try apply(scenario)
            } catch {
                store.removeAll()
                throw error
            }
        }
    }

    var origin: String { "http://\(configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host):\(boundPort.withLock { $0 })" }

    func respond(to request: Request, context: EmulatorRequestContext) async -> Response {
        let path = request.uri.path
        if path == "/_emulator" || path.hasPrefix("/_emulator/") {
            return await AdminAPI(core: self).respond(to: request)
        }
        if path.lowercased().hasPrefix(DashboardPage.prefix) {
            return DashboardPage.respond(to: request, hardware: hardware)
        }
        let sequence = log.nextSequence()
        let start = clock.now
        let query = FormBody.parseQuery(request.uri.query)
        let authority = request.head.authority ?? request.headers[HTTPField.Name("Host")!]
        // Behind a TLS-terminating proxy, links keep the scheme the client used.
        let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https" ? "https" : "http"
        let origin = authority.map { "\(scheme)://\($0)" } ?? self.origin
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            .map { String($0).removingPercentEncoding ?? String($0) }
        // Client assertions name the token endpoint by the URL the client was given; tokens of
        // the OIDC issuer name it by the emulator's own origin.
        let origins = origin == self.origin ? [origin] : [origin, self.origin]
        let match = hardware.route(method: request.method, path: path, query: query, origin: origin)
            ?? tokens.route(method: request.method, pathSegments: segments, origins: origins)
            ?? identityRoutes.route(method: request.method, pathSegments: segments, query: query, origin: origin, issuerOrigin: self.origin)
            ?? blobs.route(method: request.method, pathSegments: segments, query: query)
        var faultNote: String?
        var response: Response
        do {
            guard let match else {
                throw HTTPFailure(
                    status: .notFound,
                    json: ServiceErrorBody(code: .entityNotFound, message: "Nothing is served at \(path). The hardware API is under /v2.0/my/hardware, tokens under /{tenant}/oauth2/token, managed identity tokens under /metadata/identity/oauth2/token and /msi/token, the OIDC issuer under /oidc, blobs under /\(configuration.storageAccount)/.").wrapped,
                    code: "notFound")
            }
            if match.area == .hardware, let wait = faults.rateLimited(at: clock.now) {
                faultNote = "rate limited"
                throw HTTPFailure.rateLimited(retryAfter: wait)
            }
            var faultAfterHandler: FaultRule?
            if let fault = faults.fault(for: match.name) {
                faultNote = fault.drop == true ? "dropped" : fault.status.map { "status \($0)" } ?? "delayed \(fault.delayMs ?? 0)ms"
                if fault.after == true {
                    faultNote! += " after handling"
                    faultAfterHandler = fault
                } else {
                    try await apply(fault, area: match.area, context: context)
                }
            }
            if let fault = faultAfterHandler {
                // The request takes effect (or fails) as usual; then its answer is replaced.
                let outcome: Result<Response, any Error>
                do { outcome = .success(try await handle(request, context, match)) } catch { outcome = .failure(error) }
                try await apply(fault, area: match.area, context: context)
                response = try outcome.get()
            } else {
                response = try await handle(request, context, match)
            }
        } catch let failure as HTTPFailure {
            response = failure.response()
        } catch is DroppedConnection {
            response = Response(status: .internalServerError)
        } catch {
            logger.error("request failed", metadata: ["route": .string(match?.name ?? path), "error": .string("\(error)")])
            response = HTTPFailure.service(.internalServerError, "internalServerError",
                                           "The emulator failed to answer: \(error). This is a bug in the emulator; the request log has the request.").response()
        }
        if match?.area == .hardware {
            response.headers[.msRequestID] = request.headers[.msRequestID] ?? UUID().uuidString.lowercased()
            if let correlation = request.headers[.msCorrelationID] { response.headers[.msCorrelationID] = correlation }
        }
        let entry = RequestLogEntry(
            sequence: sequence, method: request.method.rawValue, route: match?.name ?? "unmatched", path: path,
            query: RequestLogEntry.redact(request.uri.query), status: faultNote?.hasPrefix("dropped") == true ? 0 : Int(response.status.code),
            start: start, end: clock.now, fault: faultNote)
        log.append(entry)
        configuration.onRequest?(entry)
        return response
    }

    /// Runs a route's handler, behind the bearer check for the hardware API.
    private func handle(_ request: Request, _ context: EmulatorRequestContext, _ match: RouteMatch) async throws -> Response {
        if match.area == .hardware {
            let client = try tokens.authorize(request)
            if let wait = identities.admit(client, now: clock.now) { throw HTTPFailure.rateLimited(retryAfter: wait) }
        }
        return try await match.handler(request, context)
    }

    /// Marks a request whose connection a fault closed.
    struct DroppedConnection: Error {}

    /// Carries out a fault: waits, drops the connection, or throws the failure to answer with.
    /// Returns normally when the request goes on to its handler (a delay only).
    private func apply(_ fault: FaultRule, area: RouteMatch.Area, context: EmulatorRequestContext) async throws {
        if let delay = fault.delayMs, delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
        if fault.drop == true {
            context.channel.close(mode: .all, promise: nil)
            throw DroppedConnection()
        }
        guard let code = fault.status else { return }
        let status = HTTPResponse.Status(code: code)
        var failure: HTTPFailure
        switch area {
        case .hardware:
            if code == 429 && fault.code == nil && fault.message == nil {
                failure = .rateLimited(retryAfter: fault.retryAfter ?? 1)
            } else {
                let defaultCode: String = switch code {
                case 404: "entityNotFound"
                case 409, 422: "requestInvalidForCurrentState"
                case 401: "authenticationFailed"
                case 400..<500: "invalidInput"
                default: "internalServerError"
                }
                failure = .service(status, ServiceErrorCode(rawValue: fault.code ?? defaultCode),
                                   fault.message ?? "The service could not process the request (HTTP \(code), injected by the emulator). Retry later.")
            }
        case .blob:
            let defaultCode: String = switch code {
            case 403: "AuthenticationFailed"
            case 404: "BlobNotFound"
            case 409: "Conflict"
            case 503: "ServerBusy"
            case 400..<500: "InvalidInput"
            default: "InternalError"
            }
            failure = .blob(status, fault.code ?? defaultCode, fault.message ?? "The server encountered an internal error (HTTP \(code), injected by the emulator). Please retry the request.")
        case .token:
            failure = .aad(status, fault.code ?? (code >= 500 ? "temporarily_unavailable" : "invalid_request"),
                           fault.message ?? "The token service could not answer (HTTP \(code), injected by the emulator). Retry later.", aadsts: code >= 500 ? 90033 : 900144)
        }
        if let retryAfter = fault.retryAfter, !failure.headers.contains(where: { $0.0 == .retryAfter }) {
            failure.headers.append((.retryAfter, String(retryAfter)))
        }
        if fault.retryAfterDate == true, let retryAfter = fault.retryAfter {
            failure.headers.removeAll { $0.0 == .retryAfter }
            failure.headers.append((.retryAfter, ISOTime.httpDate(clock.now.addingTimeInterval(Double(retryAfter)))))
        }
        throw failure
    }

    // MARK: - Admin functions (shared by the Swift API and the admin endpoints)

    func apply(_ scenario: EmulatorScenario) throws {
        // Checked whole before anything applies, so a bad scenario changes nothing.
        if let problem = scenario.problems.first { throw ScenarioError(message: "the scenario is invalid: \(problem)") }
        for fault in scenario.faults { _ = faults.add(fault) }
        if let limit = scenario.rateLimit { faults.setRateLimit(limit.requestsPerMinute) }
        hardware.forms.withLock { forms in
            if let form = scenario.nextLinkForm { forms.nextLink = form }
            if let placement = scenario.driverMetadataIn { forms.driverMetadata = placement }
        }
        for failure in scenario.failAt { try failSubmission(failure.id, at: failure.planned) }
        for failure in scenario.failLabelsAt { try failLabel(failure.id, at: failure.planned) }
        for share in scenario.partnerSubmissions { try sharePartnerSubmission(share.objectValue ?? [:]) }
        for failure in scenario.failPreprodPackages {
            let package = failure["package"]?.stringValue ?? "next"
            try failPreprodPackage(
                package.lowercased() == "next" ? nil : package, messages: failure["messages"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
        if let identity = scenario.identity { try identities.apply(identity) }
    }

    /// Refuses a failure at a step that `pipeline` does not have, naming the ones it has.
    private static func requireStep<P: EmulatorScenario.Pipeline>(of failure: PlannedFailure, in pipeline: P.Type, called name: String) throws {
        guard P.steps.contains(failure.step) else {
            throw ScenarioError(message: "step \"\(failure.step.rawValue)\" is not a \(name) step; use one of \(P.steps.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Plans a failure for shipping label `id`'s current pipeline run, or for the next label
    /// created when `id` is `nil`.
    func failLabel(_ id: Int64?, at failure: PlannedFailure) throws {
        try Self.requireStep(of: failure, in: EmulatorScenario.LabelPipeline.self, called: "shipping label")
        try hardware.state.withLock { s in
            guard let id else {
                s.failuresForNextLabels.append(failure)
                return
            }
            guard let label = s.labels[id] else { throw ScenarioError(message: "shipping label \(id) does not exist") }
            guard label.steps.contains(failure.step) else {
                throw ScenarioError(message: "shipping label \(id) (\(label.destination.rawValue)) never reaches \(failure.step.rawValue); its steps are \(label.steps.map(\.rawValue).joined(separator: ", "))")
            }
            s.labels[id]?.plannedFailure = failure
        }
    }

    /// Plans a failure for submission `id`, or for the next submission created when `id` is `nil`.
    func failSubmission(_ id: Int64?, at failure: PlannedFailure) throws {
        try Self.requireStep(of: failure, in: EmulatorScenario.SubmissionPipeline.self, called: "pipeline")
        try hardware.state.withLock { s in
            guard let id else {
                s.failuresForNextSubmissions.append(failure)
                return
            }
            guard s.submissions[id] != nil else { throw ScenarioError(message: "submission \(id) does not exist") }
            s.submissions[id]?.plannedFailure = failure
        }
    }

    /// What GitHub Actions would set as `ACTIONS_ID_TOKEN_REQUEST_URL`.
    var githubTokenRequestURL: String { origin + "/oidc/github/token?api-version=2.0" }

    /// A token of the emulator's OIDC issuer, as a token file would hold it (by default for the
    /// subject and audience the default app registration trusts).
    func mintFederatedToken(subject: String?, audience: String?, lifetimeSeconds: Double) -> String {
        issuer.mint(
            issuer: OIDCIssuer.issuer(origin: origin), subject: subject ?? identities.githubSubject,
            audience: audience ?? FederatedTokenSource.defaultAudience, lifetime: lifetimeSeconds, now: clock.now)
    }

    func reset() {
        hardware.reset()
        store.reset()
        faults.reset()
        log.clear()
        signer.reset()
        clock.reset()
        identities.reset()
    }

    /// Everything the emulator holds, as JSON, for debugging tests.
    func stateDump() -> JSONValue {
        let origin = self.origin
        let call = HardwareService.Call(request: Request(head: .init(method: .get, scheme: "http", authority: nil, path: "/"), body: .init(buffer: ByteBuffer())),
                                        ids: [], apiBase: origin + HardwareService.prefixes[0], origin: origin, query: [:])
        let s = hardware.state.withLock { $0 }
        let products = s.productOrder.compactMap { s.products[$0] }.map { hardware.renderProduct($0, call) }
        let submissions = s.submissionOrder.compactMap { s.submissions[$0] }.map { sub -> JSONValue in
            var value = hardware.renderSubmission(sub, product: s.products[sub.productId], call, full: true)
            if case .object(var members) = value {
                members["downloads"] = nil
                if case .object(var workflow)? = members["workflowStatus"] { workflow["errorReport"] = nil; members["workflowStatus"] = .object(workflow) }
                if let failure = sub.plannedFailure { members["plannedFailure"] = failure.json }
                value = .object(members)
            }
            return value
        }
        let labels = s.labelOrder.compactMap { s.labels[$0] }.map { label -> JSONValue in
            var value = hardware.renderLabel(label, call, includeTargeting: true)
            if case .object(var members) = value, let failure = label.plannedFailure {
                members["plannedFailure"] = failure.json
                value = .object(members)
            }
            return value
        }
        let rules = faults.rules.map(\.json)
        return [
            "clock": ["now": .string(ISOTime.string(clock.now, fractional: true)), "offsetSeconds": .number(clock.offsetSeconds)],
            "products": .array(products), "submissions": .array(submissions), "shippingLabels": .array(labels),
            "blobs": store.summary(), "faults": .array(rules),
            "rateLimit": faults.rateLimit.map { ["requestsPerMinute": .integer(Int64($0))] } ?? .null,
            "nextLinkForm": .string(hardware.forms.withLock { $0.nextLink.rawValue }),
            "driverMetadataIn": .string(hardware.forms.withLock { $0.driverMetadata.rawValue }),
            "failuresForNextSubmissions": .array(s.failuresForNextSubmissions.map(\.json)),
            "failuresForNextLabels": .array(s.failuresForNextLabels.map(\.json)),
            "preprodPackages": .array(s.preprodOrder.compactMap { s.preprodPackages[$0] }.map { hardware.renderPreprod($0, includeAssets: true) }),
            "failuresForNextPreprodPackages": .array(s.failuresForNextPreprodPackages.map { ["messages": .array($0.map(JSONValue.string))] }),
            "identity": identities.json,
        ]
    }
}
