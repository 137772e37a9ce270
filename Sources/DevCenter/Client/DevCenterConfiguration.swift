import Foundation

/// How a ``DevCenterClient`` talks to the service, apart from credentials.
public struct DevCenterConfiguration: Sendable {
    public var baseURL: ServiceBaseURL
    public var retryPolicy: RetryPolicy
    /// How long one HTTP attempt may take; the retry policy's deadline bounds the whole operation.
    public var requestTimeout: Duration
    /// A client-side limit on requests started per minute, or `nil` for none.
    public var requestsPerMinute: Int?
    /// Sent as `User-Agent`; names hwsubmit and its version.
    public var userAgent: String
    /// Sent as `MS-CorrelationId` on every request of this client, and put in every error.
    public var correlationID: String

    public init(
        baseURL: ServiceBaseURL = .default, retryPolicy: RetryPolicy = .default, requestTimeout: Duration = .seconds(60),
        requestsPerMinute: Int? = nil, userAgent: String = HWSubmitVersion.userAgent,
        correlationID: String = UUID().uuidString.lowercased()
    ) {
        self.baseURL = baseURL
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.requestsPerMinute = requestsPerMinute
        self.userAgent = userAgent
        self.correlationID = correlationID
    }
}
