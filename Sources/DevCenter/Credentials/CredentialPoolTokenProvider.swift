import Logging

/// Several app registrations used in turn, against the service's per-client rate limit: each
/// request takes the next credential that is not resting, and one that was answered 429 rests
/// until its `Retry-After` has passed while the others go on.
public actor CredentialPoolTokenProvider: AccessTokenProvider {
    /// One credential of the pool.
    public struct Member: Sendable {
        /// How messages name it ("client 5f1b… (certificate)").
        public var label: String
        public var provider: any AccessTokenProvider

        public init(label: String, provider: any AccessTokenProvider) {
            self.label = label
            self.provider = provider
        }
    }

    public nonisolated let members: [Member]
    private let clock: DevCenterClock
    /// When each member may be used again, on `clock`.
    private var restingUntil: [Duration?]
    private var next = 0
    /// Which member gave each token handed out (the last few hundred).
    private var owners: [AccessToken: Int] = [:]

    /// How long a member rests after a 429 that gave no `Retry-After`.
    static let defaultRest: Duration = .seconds(60)

    public init(members: [Member], clock: DevCenterClock = .system) {
        precondition(!members.isEmpty, "a credential pool needs at least one member")
        self.members = members
        self.clock = clock
        restingUntil = Array(repeating: nil, count: members.count)
    }

    public nonisolated var secrets: [Secret] { members.flatMap(\.provider.secrets) }

    public func token(logger: Logger) async throws -> AccessToken {
        let index = pick()
        let token = try await members[index].provider.token(logger: logger)
        if owners.count > 512 { owners.removeAll() }
        owners[token] = index
        return token
    }

    /// The next member in turn that is not resting; when all are, the one that is free first.
    private func pick() -> Int {
        let now = clock.now
        for offset in 0..<members.count {
            let index = (next + offset) % members.count
            if let until = restingUntil[index], now < until { continue }
            restingUntil[index] = nil
            next = (index + 1) % members.count
            return index
        }
        return restingUntil.indices.min { (restingUntil[$0] ?? .zero) < (restingUntil[$1] ?? .zero) } ?? 0
    }

    public func invalidate(_ token: AccessToken) async -> Bool {
        guard let index = owners[token] else { return false }
        return await members[index].provider.invalidate(token)
    }

    public func rateLimited(_ token: AccessToken, retryAfter: Duration?) async -> Bool {
        guard let index = owners[token] else { return false }
        let now = clock.now
        restingUntil[index] = now + (retryAfter ?? Self.defaultRest)
        return restingUntil.indices.contains { restingUntil[$0].map { now >= $0 } ?? true }
    }

    /// Which members rest now, for messages.
    public func resting() -> [String] {
        let now = clock.now
        return members.indices.filter { restingUntil[$0].map { now < $0 } ?? false }.map { members[$0].label }
    }
}
