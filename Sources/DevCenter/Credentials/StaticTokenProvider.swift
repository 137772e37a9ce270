import Logging

/// A token obtained elsewhere (`HDC_ACCESS_TOKEN`, for CI systems with their own identity
/// plumbing); it cannot be refreshed, so a 401 is final.
public struct StaticTokenProvider: AccessTokenProvider {
    public let token: AccessToken

    public init(_ value: Secret) { self.token = AccessToken(value: value) }

    public func token(logger: Logger) async throws -> AccessToken { token }

    public func invalidate(_ token: AccessToken) async -> Bool { false }

    public var secrets: [Secret] { [token.value] }
}
