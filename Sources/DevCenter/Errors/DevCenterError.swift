/// Every failure DevCenter reports: a kind to branch on, what the service said, the IDs support
/// asks for, and a description that tells a person what happened and what to do next.
///
/// Create one through the documented static constructors (``response(status:body:headers:operation:requestID:correlationID:)``,
/// ``network(operation:underlying:delivery:)``, …); read ``kind`` (or ``code``, which prefers the
/// service's own error code) to branch.
public struct DevCenterError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is; stable across releases.
    public var kind: Kind
    /// The HTTP status, when the failure was an HTTP answer.
    public var status: Int?
    /// The service's error code (`entityNotFound`, `requestInvalidForCurrentState`, …), when it sent one.
    public var serviceCode: ServiceErrorCode?
    /// What happened, to what: one sentence, no advice.
    public var message: String
    /// What to do next, in words that name no function of either language (``description``,
    /// and the `hdc` module's errors, add how to do it in their own terms).
    public var advice: String
    /// What to do next as an action, for a face of the API to say how in its own terms.
    public var nextStep: NextStep?
    /// Fields the service refused, and why.
    public var validationErrors: [ServiceErrorBody.ValidationError]
    /// Further lines: workflow messages of a failed submission, matches of an uncertain create, …
    public var details: [String]
    /// `MS-RequestId` of the (last) request; support asks for it.
    public var requestID: String?
    /// `MS-CorrelationId` of the client that made the request.
    public var correlationID: String?
    /// Whether the condition is transient: the same request may succeed later.
    public var retryable: Bool
    /// The operation that failed, as `METHOD /path` relative to the base URL, or a description of a wait.
    public var operation: String?
    /// How long the service asked the client to wait (`Retry-After`).
    public var retryAfter: Duration?
    /// How many attempts were made before giving up (1 when it was not retried).
    public var attempts: Int
    /// Whether the failed request reached the service.
    public var delivery: Delivery
    /// A URL to the service's error report (a SAS URL: print it only through a ``Redactor``).
    public var errorReportURL: String?
    /// The underlying error's description, already redacted.
    public var underlying: String?

    /// Whether a failed request reached the service: what decides if a create may be sent again.
    public enum Delivery: String, Sendable, Hashable {
        /// The request provably never left the client (the connection could not be made).
        case notSent
        /// The request may have reached the service, and may have been processed.
        case uncertain
        /// The service answered.
        case answered
    }

    init(
        kind: Kind, message: String, advice: String, status: Int? = nil, serviceCode: ServiceErrorCode? = nil,
        validationErrors: [ServiceErrorBody.ValidationError] = [], details: [String] = [],
        requestID: String? = nil, correlationID: String? = nil, retryable: Bool? = nil, operation: String? = nil,
        retryAfter: Duration? = nil, delivery: Delivery = .answered, errorReportURL: String? = nil,
        underlying: String? = nil, nextStep: NextStep? = nil
    ) {
        self.kind = kind
        self.message = message
        self.advice = advice
        self.status = status
        self.serviceCode = serviceCode
        self.validationErrors = validationErrors
        self.details = details
        self.requestID = requestID
        self.correlationID = correlationID
        self.retryable = retryable ?? kind.isTransient
        self.operation = operation
        self.retryAfter = retryAfter
        self.attempts = 1
        self.delivery = delivery
        self.errorReportURL = errorReportURL
        self.underlying = underlying
        self.nextStep = nextStep
    }

    /// The code scripts branch on: the service's error code when it sent one (a known code in its
    /// camelCase spelling, whatever case it arrived in), else the kind's name.
    public var code: String { serviceCode?.canonical ?? kind.name }
}
