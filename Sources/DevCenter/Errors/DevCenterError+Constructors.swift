extension DevCenterError {
    /// The error for an HTTP answer outside 2xx from the hardware API, read from any of the
    /// service's error-body shapes (nested JSON, flat JSON, an HTML page, nothing).
    ///
    /// - Parameters:
    ///   - operation: `METHOD /path`, relative to the base URL.
    ///   - requestID: the `MS-RequestId` sent; the answer's own, when it has one, wins.
    public static func response(
        status: Int, body: [UInt8], headers: TransportHeaders = [:], operation: String,
        requestID: String? = nil, correlationID: String? = nil, retryAfter: Duration? = nil
    ) -> DevCenterError {
        let parsed = ServiceErrorBody.parse(body)
        let kind = Kind.forResponse(status: status, code: parsed?.code)
        let said = parsed?.message.map { ": \($0)" } ?? ""
        var error = DevCenterError(
            kind: kind,
            message: "\(operation) failed with \(HTTPStatusText.describe(status))\(said)",
            advice: kind.advice(operation: operation, retryAfter: retryAfter),
            status: status, serviceCode: parsed?.code, validationErrors: parsed?.validationErrors ?? [],
            requestID: headers["MS-RequestId"] ?? headers["x-ms-request-id"] ?? requestID,
            correlationID: headers["MS-CorrelationId"] ?? correlationID,
            retryable: RetryRules.isTransientStatus(status),
            operation: operation, retryAfter: retryAfter, delivery: .answered,
            nextStep: kind == .timeout ? .allowMoreTimePerRequest : nil)
        if kind == .authentication, status == 401 {
            error.advice = "The access token was refused. " + Kind.authenticationAdvice
        }
        return error
    }

    /// A connection that could not be made or was lost before the whole answer arrived.
    ///
    /// - Parameters:
    ///   - delivery: ``Delivery/notSent`` only when the request provably never left (the
    ///     connection was refused or could not be made); otherwise ``Delivery/uncertain``.
    ///   - host: the host (and port) that failed, named in the message and the advice.
    public static func network(operation: String, underlying: String, delivery: Delivery, host: String? = nil) -> DevCenterError {
        let when = delivery == .notSent ? "could not connect" : "lost the connection"
        let to = host.map { " to \($0)" } ?? ""
        return DevCenterError(
            kind: .network, message: "\(operation) \(when)\(to): \(underlying)",
            advice: networkAdvice(host: host, setting: nil),
            retryable: true, operation: operation, delivery: delivery, underlying: underlying)
    }

    /// Where the hardware API's host comes from (each face of the API adds its own setting:
    /// ``NextStep/checkBaseURL``).
    static let baseURLSetting = "the base URL (HDC_BASE_URL, or base_url of the profile)"
    /// Where the token endpoint's host comes from.
    static let authoritySetting = "the token authority (HDC_AUTHORITY_HOST, or authority of the profile)"

    /// What to check when `host` cannot be reached; `setting` says where the host came from
    /// ("the base URL (HDC_BASE_URL …)").
    static func networkAdvice(host: String?, setting: String?) -> String {
        let what = host ?? "the host"
        var advice = "Check the network connection, and that \(what) is reachable from here (a proxy or firewall may block it)"
        if let setting { advice += "; \(what) comes from \(setting): check it if it is not the host you meant" }
        return advice + "."
    }

    /// No complete answer within `limit`.
    public static func timeout(operation: String, after limit: Duration, delivery: Delivery = .uncertain) -> DevCenterError {
        DevCenterError(
            kind: .timeout, message: "\(operation) got no answer within \(limit.humanReadable)",
            advice: "The service may be slow or unreachable; try again later, or allow more time per request (" + Kind.timeoutSettings + ").",
            retryable: true, operation: operation, delivery: delivery, nextStep: .allowMoreTimePerRequest)
    }

    /// Settings that are missing or wrong, with what to set.
    public static func configuration(_ message: String, advice: String) -> DevCenterError {
        DevCenterError(kind: .configuration, message: message, advice: advice, retryable: false, delivery: .notSent)
    }

    /// Credentials refused by the token endpoint, or a static token refused by the API.
    public static func authentication(_ message: String, advice: String? = nil, status: Int? = nil, operation: String? = nil) -> DevCenterError {
        DevCenterError(
            kind: .authentication, message: message, advice: advice ?? Kind.authenticationAdvice, status: status,
            retryable: false, operation: operation)
    }

    /// An answer that cannot be read as what the operation returns.
    public static func invalidResponse(operation: String, detail: String, status: Int? = nil) -> DevCenterError {
        DevCenterError(
            kind: .invalidResponse, message: "\(operation) answered something unreadable: \(detail)",
            advice: "The service (or a proxy in between) sent an unexpected answer; try again, and report it with the request ID if it persists.",
            status: status, retryable: false, operation: operation)
    }

    /// A create that may have happened: the request may have reached the service and looking the
    /// resource up did not settle whether it did.
    ///
    /// - Parameter check: what the person should look at before creating again.
    public static func uncertainOutcome(operation: String, check: String, cause: DevCenterError, details: [String] = []) -> DevCenterError {
        var error = DevCenterError(
            kind: .uncertainOutcome,
            message: "\(operation) may or may not have taken effect (\(cause.message))",
            advice: "Do not simply run it again: \(check)",
            status: cause.status, serviceCode: cause.serviceCode, details: details, requestID: cause.requestID,
            correlationID: cause.correlationID, retryable: false, operation: operation, delivery: .uncertain,
            underlying: cause.underlying)
        error.attempts = cause.attempts
        return error
    }

    /// A submission or shipping label that failed in the service's pipeline.
    ///
    /// - Parameters:
    ///   - fetchReport: how to fetch the error report, in words (its URL is a SAS URL, shown
    ///     only with its signature removed, so it cannot be opened as shown).
    ///   - reportStep: the same as an action, for each face of the API to name its call.
    public static func workflowFailed(
        resource: String, step: WorkflowStep?, messages: [String], errorReportURL: String?, operation: String? = nil,
        fetchReport: String? = nil, reportStep: NextStep? = nil
    ) -> DevCenterError {
        let at = step.map { " at step \($0.rawValue)" } ?? ""
        let first = messages.first.map { ": \($0)" } ?? ""
        var advice = "Read the service's messages"
        if errorReportURL != nil {
            advice += " and its error report (the URL below has its signature removed; "
                + (fetchReport ?? "download it through the submission, which hands out a freshly signed URL")
                + ")"
        }
        advice += ", fix the package or the request, and submit again."
        return DevCenterError(
            kind: .workflowFailed, message: "\(resource) failed\(at)\(first)", advice: advice,
            details: Array(messages.dropFirst(first.isEmpty ? 0 : 1)), retryable: false, operation: operation,
            errorReportURL: errorReportURL, nextStep: errorReportURL == nil ? nil : reportStep)
    }

    /// A wait that passed its deadline while the resource was still in progress.
    ///
    /// - Parameter neverCommitted: the submission was still `commitPending`: the service is not
    ///   working on it, and waiting longer will not help.
    public static func waitDeadlineExceeded(
        resource: String, deadline: Duration, lastStatus: String, neverCommitted: Bool = false
    ) -> DevCenterError {
        if neverCommitted {
            return DevCenterError(
                kind: .timeout,
                message: "\(resource) was never committed: it was still commitPending after \(deadline.humanReadable) (\(lastStatus))",
                advice: "The service does not process a submission before its commit: upload the package, commit the submission, then wait again.",
                retryable: false, operation: "waiting for \(resource)", nextStep: .commitSubmission)
        }
        return DevCenterError(
            kind: .timeout,
            message: "\(resource) was still in progress after \(deadline.humanReadable) (\(lastStatus))",
            advice: "The service goes on processing it: wait again with a longer deadline, or check its status later.",
            retryable: true, operation: "waiting for \(resource)")
    }

    /// This error with `note` added to its message ("gave up after 6 attempts").
    func noting(_ note: String) -> DevCenterError {
        var copy = self
        copy.message += "; " + note
        return copy
    }

    /// This error with the attempt count and the correlation ID filled in.
    func with(attempts: Int? = nil, correlationID: String? = nil, requestID: String? = nil) -> DevCenterError {
        var copy = self
        if let attempts { copy.attempts = attempts }
        if copy.correlationID == nil { copy.correlationID = correlationID }
        if copy.requestID == nil { copy.requestID = requestID }
        return copy
    }
}

extension DevCenterError.Kind {
    /// The kind of an HTTP error answer; the service's code refines 400-class statuses.
    static func forResponse(status: Int, code: ServiceErrorCode?) -> DevCenterError.Kind {
        switch status {
        case 401: return .authentication
        case 403: return code == .readOnlyProduct ? .invalidState : .forbidden
        case 404: return .notFound
        case 408, 504: return .timeout
        case 409, 412: return .invalidState
        case 429: return .rateLimited
        case 500...599: return .server
        default: break
        }
        switch code {
        case .some(.entityNotFound): return .notFound
        case .some(.requestInvalidForCurrentState), .some(.readOnlyProduct), .some(.updateUnauthorized):
            return .invalidState
        default: return status >= 500 ? .server : .invalidInput
        }
    }

    static let authenticationAdvice = """
        Check the tenant ID, client ID and client secret (HDC_TENANT_ID, HDC_CLIENT_ID, HDC_CLIENT_SECRET, \
        or the profile), that the secret has not expired in the app registration, or set a fresh HDC_ACCESS_TOKEN.
        """

    /// Where the time allowed per request is set, in the environment (each face of the API adds
    /// its own setting: ``NextStep/allowMoreTimePerRequest``).
    static let timeoutSettings = "HDC_REQUEST_TIMEOUT, in seconds"

    static let rolesAdvice = """
        The app registration lacks a role: in Partner Center, give it the Manager role and the hardware \
        role "Driver submitter"
        """

    func advice(operation: String, retryAfter: Duration?) -> String {
        switch self {
        case .authentication: return Self.authenticationAdvice
        case .forbidden:
            if operation.contains("shippingLabels") {
                return Self.rolesAdvice + ", and \"Shipping Label owner\" for shipping labels."
            }
            return Self.rolesAdvice + " (and \"Shipping Label owner\" to work with shipping labels)."
        case .notFound:
            return "Check the IDs: the resource may not exist, may have been deleted, or may belong to another account."
        case .invalidInput: return "Correct the request (see the validation errors) and send it again."
        case .invalidState:
            return "The resource's current state does not allow this; fetch it to see its state before trying again."
        case .rateLimited:
            let wait = retryAfter.map { "after \($0.humanReadable)" } ?? "in a minute"
            return "The service limits requests per minute: try again \(wait), or set a client-side rate limit (requests per minute) to stay under it."
        case .server:
            return "The service failed; this usually passes: try again later. If it persists, give Microsoft support the request and correlation IDs."
        case .timeout:
            return "The service did not answer in time; try again later, or allow more time per request (" + Self.timeoutSettings + ")."
        default:
            return "Try again; if it persists, report it with the request and correlation IDs."
        }
    }
}
