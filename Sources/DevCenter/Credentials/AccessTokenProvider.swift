import Logging

/// What gives the client its bearer tokens: ``RefreshingTokenProvider`` (client credentials or a
/// managed identity), ``CredentialPoolTokenProvider`` (several app registrations in turn),
/// ``StaticTokenProvider`` (`HDC_ACCESS_TOKEN`), or a caller's own.
public protocol AccessTokenProvider: Sendable {
    /// A token that is good now; fetched when none is cached or the cached one is due for refresh.
    func token(logger: Logger) async throws -> AccessToken

    /// The service refused `token` with 401: forget it, so that the next ``token(logger:)``
    /// fetches another. Returns `false` when no other token can be had.
    func invalidate(_ token: AccessToken) async -> Bool

    /// The service answered 429 to a request sent with `token`, asking to wait `retryAfter`.
    /// Returns `true` when another credential can send the request again at once (a pool);
    /// `false` when the request must wait.
    func rateLimited(_ token: AccessToken, retryAfter: Duration?) async -> Bool

    /// Values every log and message must hide (a client secret, a static token).
    var secrets: [Secret] { get }
}

extension AccessTokenProvider {
    public func rateLimited(_ token: AccessToken, retryAfter: Duration?) async -> Bool { false }
}
