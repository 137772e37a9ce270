/// A bearer token for the hardware API and when it stops being good.
public struct AccessToken: Sendable, Hashable, CustomStringConvertible {
    public let value: Secret
    /// When to get a new one, on the provider's ``DevCenterClock``; `nil` when unknown.
    public let refreshAt: Duration?
    /// When the token expires, on the provider's ``DevCenterClock``; `nil` when unknown.
    public let expiresAt: Duration?

    public init(value: Secret, refreshAt: Duration? = nil, expiresAt: Duration? = nil) {
        self.value = value
        self.refreshAt = refreshAt
        self.expiresAt = expiresAt
    }

    public var description: String { "AccessToken(\(Redactor.placeholder))" }
}
