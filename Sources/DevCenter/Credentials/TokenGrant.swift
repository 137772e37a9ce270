import Foundation
import Logging

/// One way of asking for access tokens, as ``RefreshingTokenProvider`` uses it: the
/// client-credentials grant (``ClientCredentialsGrant``) or a managed identity endpoint
/// (``ManagedIdentityGrant``).
protocol TokenGrant: Sendable {
    /// The URL asked, for log lines and messages.
    var url: String { get }
    /// The HTTP method of its requests, for messages ("POST").
    var method: String { get }
    /// Who signs in, for messages ("client 5f1b… in tenant 72f9…").
    var who: String { get }
    /// The setting that names the host, for the advice of a network failure.
    var hostSetting: String { get }
    /// Values every log and message must hide.
    var secrets: [Secret] { get }
    /// One token request (a client assertion is made anew for each).
    func request(_ context: TokenGrantContext) async throws -> TransportRequest
    /// The error for a refusal (400–403), with the endpoint's own explanation when it gave one.
    func refusal(_ response: TransportResponse, operation: String) -> DevCenterError
}

/// What a grant needs to build its request.
struct TokenGrantContext: Sendable {
    var transport: any HTTPTransport
    var headers: TransportHeaders
    var timeout: Duration
    var userAgent: String
    var now: Date
    var logger: Logger
}
