import DevCenter
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The emulator's own endpoints under `/_emulator/`, for tests and demos (docs/emulator.md).
///
/// Not authenticated, not logged, never faulted.
struct AdminAPI {
    let core: EmulatorCore

    func respond(to request: Request) async -> Response {
        do {
            return try await handle(request)
        } catch let failure as HTTPFailure {
            return failure.response()
        } catch let error as ScenarioError {
            return Self.problem(.badRequest, error.message)
        } catch is NIOTooManyBytesError {
            return Self.problem(
                .contentTooLarge,
                "The body of \(request.method.rawValue) \(request.uri.path) is larger than \(Self.maximumBodySize >> 20) MiB, the most an admin request may carry. Send fewer faults at a time, or a smaller scenario.",
                code: "adminRequestTooLarge")
        } catch {
            return Self.problem(
                .internalServerError,
                "The emulator's admin API failed to carry out \(request.method.rawValue) \(request.uri.path) (\(type(of: error)): \(error)). This is a bug in the emulator: please report it with the request that caused it; GET /_emulator/state shows what the emulator holds.",
                code: "adminInternalError")
        }
    }

    /// The largest admin request body read (a fault list, a scenario).
    static let maximumBodySize = 4 << 20

    static func problem(_ status: HTTPResponse.Status, _ message: String, code: String = "adminRequestInvalid") -> Response {
        HTTPFailure(status: status, json: ["error": ["code": .string(code), "message": .string(message)]], code: code).response()
    }

    private func ok(_ value: JSONValue = ["ok": true], status: HTTPResponse.Status = .ok) -> Response {
        HTTPFailure(status: status, json: value, code: "ok").response()
    }

    private func body(_ request: Request) async throws -> [String: JSONValue] {
        var request = request
        let buffer = try await request.collectBody(upTo: Self.maximumBodySize)
        if buffer.readableBytes == 0 { return [:] }
        let bytes = Array(buffer.readableBytesView)
        if let problem = JSONSyntaxChecker.check(bytes) {
            throw ScenarioError(message: "the body is not valid JSON: \(problem)")
        }
        guard case .object(let members) = try JSONValue(parsing: bytes) else {
            throw ScenarioError(message: "the body must be a JSON object")
        }
        return members
    }

    private func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ what: String) throws -> T {
        do {
            return try value.decode(type)
        } catch let error as DecodingError {
            throw ScenarioError(message: "the \(what) is invalid: \(EmulatorScenario.describe(error))")
        }
    }

    private func handle(_ request: Request) async throws -> Response {
        let segments = request.uri.path.split(separator: "/").dropFirst().map(String.init)
        let method = request.method
        switch (method, segments) {
        case (.get, []), (.get, ["health"]):
            return ok(["status": "ok", "baseURL": .string(core.origin + HardwareService.prefixes[0]),
                       "tokenURL": .string("\(core.origin)/\(core.configuration.tenantID)/oauth2/token"),
                       "oidcIssuer": .string(OIDCIssuer.issuer(origin: core.origin)),
                       "githubTokenRequestURL": .string(core.githubTokenRequestURL),
                       "identityEndpoint": .string(core.origin + "/msi/token"),
                       "now": .string(ISOTime.string(core.clock.now, fractional: true))])
        case (.post, ["reset"]):
            core.reset()
            return ok()
        case (.get, ["state"]):
            return ok(core.stateDump())
        case (.get, ["requests"]):
            let since = FormBody.parseQuery(request.uri.query)["since"].flatMap(Int.init) ?? 0
            let entries = core.log.entries.filter { $0.sequence > since }
            return ok(["requests": try JSONValue(encoding: entries)])
        case (.delete, ["requests"]):
            core.log.clear()
            return ok()
        case (.get, ["faults"]):
            return ok(["faults": .array(core.faults.rules.map(\.json))])
        case (.post, ["faults"]):
            let members = try await body(request)
            let rules: [FaultRule]
            if let list = members["faults"] {
                rules = try decode([FaultRule].self, list, "fault list")
            } else {
                rules = [try decode(FaultRule.self, .object(members), "fault")]
            }
            for (i, rule) in rules.enumerated() {
                if let problem = rule.problems.first { throw ScenarioError(message: "fault \(i): \(problem)") }
            }
            let ids = rules.map { core.faults.add($0) }
            return ok(["ids": .array(ids.map { .integer(Int64($0)) })], status: .created)
        case (.delete, ["faults"]):
            core.faults.clear()
            return ok()
        case (.post, ["rate-limit"]):
            let members = try await body(request)
            guard let limit = members["requestsPerMinute"], limit.isNull || (limit.int64Value ?? -1) >= 0 else {
                let got = members["requestsPerMinute"].map { " (got \($0.jsonText))" } ?? ""
                throw ScenarioError(message: "send {\"requestsPerMinute\": N} with N a whole number of at least 1, or 0 or null to turn the limit off\(got)")
            }
            core.faults.setRateLimit(limit.int64Value.map { Int($0) })
            return ok()
        case (.delete, ["rate-limit"]):
            core.faults.setRateLimit(nil)
            return ok()
        case (.post, let path) where path.count == 3 && ["submissions", "shipping-labels"].contains(path[0]) && path[2] == "fail-at":
            let members = try await body(request)
            let failure = try decode(PlannedFailure.self, .object(members.merging(["messages": members["messages"] ?? []]) { a, _ in a }), "failure")
            let what = path[0] == "submissions" ? "submission" : "shipping label"
            let id: Int64?
            if path[1].lowercased() == "next" {
                id = nil
            } else if let n = Int64(path[1]) {
                id = n
            } else {
                throw ScenarioError(message: "the \(what) must be an ID or \"next\" (got \(path[1]))")
            }
            if path[0] == "submissions" { try core.failSubmission(id, at: failure) } else { try core.failLabel(id, at: failure) }
            return ok()
        case (.post, let path) where path.count == 3 && path[0] == "preprod-packages" && path[2] == "fail":
            let which = path[1]
            let members = try await body(request)
            let messages = try decode([String].self, members["messages"] ?? [], "messages")
            try core.failPreprodPackage(which.lowercased() == "next" ? nil : which, messages: messages)
            return ok()
        case (.post, ["partner-submissions"]):
            let members = try await body(request)
            try core.sharePartnerSubmission(members)
            return ok(status: .created)
        case (.post, ["sas", "expire"]):
            let members = try await body(request)
            core.signer.expireIssued(inSeconds: members["inSeconds"]?.doubleValue ?? 0)
            return ok()
        case (.get, ["clock"]):
            return ok(["now": .string(ISOTime.string(core.clock.now, fractional: true)), "offsetSeconds": .number(core.clock.offsetSeconds)])
        case (.post, ["clock", "advance"]):
            let members = try await body(request)
            guard let seconds = members["seconds"]?.doubleValue, seconds > 0, seconds.isFinite else {
                throw ScenarioError(message: "send {\"seconds\": N} with N > 0; the clock only moves forward")
            }
            core.clock.advance(bySeconds: seconds)
            return ok(["now": .string(ISOTime.string(core.clock.now, fractional: true)), "offsetSeconds": .number(core.clock.offsetSeconds)])
        case (.get, ["identity"]):
            return ok(core.identities.json)
        case (.post, ["identity"]):
            let members = try await body(request)
            try core.identities.apply(try decode(IdentitySetup.self, .object(members), "identity set-up"))
            return ok()
        case (.post, ["oidc", "token"]):
            let members = try await body(request)
            let lifetime = members["lifetimeSeconds"]?.doubleValue ?? 3600
            guard lifetime.isFinite, lifetime > -86400 * 365 else { throw ScenarioError(message: "lifetimeSeconds must be a number of seconds") }
            let token = core.mintFederatedToken(
                subject: members["subject"]?.stringValue, audience: members["audience"]?.stringValue, lifetimeSeconds: lifetime)
            return ok(["token": .string(token), "issuer": .string(OIDCIssuer.issuer(origin: core.origin))])
        case (.post, ["scenario"]):
            var request = request
            let data = try await request.collectBody(upTo: Self.maximumBodySize)
            try core.apply(try EmulatorScenario.parse(Data(buffer: data)))
            return ok()
        default:
            return Self.problem(.notFound, "No admin endpoint \(method.rawValue) \(request.uri.path). See docs/emulator.md for the list.")
        }
    }
}
