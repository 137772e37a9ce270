import DevCenter
import Foundation

/// The app registrations and managed identities the emulator's token endpoints accept, the
/// client assertions already used (`jti` replay), and each client's own request count against
/// its rate limit.
final class IdentityRegistry: Sendable {
    /// An app registration as the token endpoint checks it.
    struct App: Sendable {
        var setup: AppRegistrationSetup
        var certificates: [RegisteredCertificate]
    }

    private struct State: Sendable {
        var apps: [String: App] = [:]
        var managed: [String: ManagedIdentitySetup] = [:]
        var githubSubject = EmulatorDefaults.federatedSubject
        /// `jti` → when the assertion that carried it expires.
        var usedAssertions: [String: Date] = [:]
        var windows: [String: MinuteWindow] = [:]
    }

    /// The system-assigned identity's key in `managed`.
    static let systemAssigned = ""

    private let state = LockedValue(State())
    private let defaults: IdentitySetup

    /// The default app registration (its secret, and a federated credential for the emulator's
    /// GitHub-style tokens) and a system-assigned managed identity.
    init(clientID: String, clientSecret: String) {
        defaults = IdentitySetup(
            apps: [AppRegistrationSetup(clientId: clientID, secrets: [clientSecret], federated: [FederatedCredentialSetup(subject: EmulatorDefaults.federatedSubject)])],
            managedIdentities: [ManagedIdentitySetup()])
        reset()
    }

    /// Back to the default registrations; used assertions and counts forgotten.
    func reset() {
        state.withLock { $0 = State() }
        try? apply(defaults)
    }

    /// Adds (or replaces, by client ID) the registrations of `setup`.
    func apply(_ setup: IdentitySetup) throws {
        if let problem = setup.problems.first { throw ScenarioError(message: "the identity set-up is invalid: \(problem)") }
        let apps = (setup.apps ?? []).map { App(setup: $0, certificates: ($0.certificates ?? []).compactMap(RegisteredCertificate.init(pem:))) }
        state.withLock { s in
            for app in apps { s.apps[app.setup.clientId.lowercased()] = app }
            for identity in setup.managedIdentities ?? [] { s.managed[identity.clientId?.lowercased() ?? Self.systemAssigned] = identity }
            if let subject = setup.githubSubject { s.githubSubject = subject }
        }
    }

    func app(_ clientID: String) -> App? { state.withLock { $0.apps[clientID.lowercased()] } }

    /// The managed identity with `clientID` (the system-assigned one for `nil`).
    func managedIdentity(_ clientID: String?) -> ManagedIdentitySetup? {
        state.withLock { $0.managed[clientID?.lowercased() ?? Self.systemAssigned] }
    }

    var githubSubject: String { state.withLock { $0.githubSubject } }

    /// Records an assertion's `jti`; `false` when it was used before and has not expired.
    func use(assertion id: String, expiring: Date, now: Date) -> Bool {
        state.withLock { s in
            if s.usedAssertions.count > 10_000 { s.usedAssertions = s.usedAssertions.filter { $0.value > now } }
            if let previous = s.usedAssertions[id], previous > now { return false }
            s.usedAssertions[id] = expiring
            return true
        }
    }

    /// Counts a hardware API request made with a token of `clientID` against its own limit; the
    /// seconds to wait when it is over.
    func admit(_ clientID: String, now: Date) -> Int? {
        state.withLock { s in
            let key = clientID.lowercased()
            let limit = s.apps[key]?.setup.requestsPerMinute ?? s.managed[key]?.requestsPerMinute
                ?? s.managed.values.first { $0.appID.lowercased() == key }?.requestsPerMinute
            guard let limit, limit > 0 else { return nil }
            return s.windows[key, default: MinuteWindow()].admit(limit: limit, now: now)
        }
    }

    /// What is registered, without secrets or keys, for `GET /_emulator/identity` and the state dump.
    var json: JSONValue {
        let s = state.withLock { $0 }
        let apps: [JSONValue] = s.apps.values.sorted { $0.setup.clientId < $1.setup.clientId }.map { app in
            [
                "clientId": .string(app.setup.clientId), "secrets": .integer(Int64(app.setup.secrets?.count ?? 0)),
                "certificates": .array(app.certificates.map { .string($0.thumbprint) }),
                "federated": .array((app.setup.federated ?? []).map {
                    ["issuer": $0.issuer.map(JSONValue.string) ?? "(the emulator's own)", "subject": .string($0.subject),
                     "audience": .string($0.audience ?? FederatedTokenSource.defaultAudience)]
                }),
                "requestsPerMinute": app.setup.requestsPerMinute.map { .integer(Int64($0)) } ?? .null,
            ]
        }
        let managed: [JSONValue] = s.managed.values.map { ["clientId": .string($0.appID), "userAssigned": .bool($0.clientId != nil)] }
        return ["apps": .array(apps), "managedIdentities": .array(managed), "githubSubject": .string(s.githubSubject)]
    }
}
