/// How safe an operation is to send again, which decides what a failure leads to.
///
/// The rules are those of the service's documentation (HARDWARE_API.md, section 4):
/// reads and idempotent writes are retried on transient failures; a create is retried only when
/// the request provably did not reach the service (or was refused with 429), and otherwise
/// reconciled by looking the resource up; a commit is reconciled by fetching the submission.
public enum OperationClass: String, Sendable, Hashable, CaseIterable {
    /// GET, and anything else without side effects (token requests, downloads).
    case read
    /// PATCH, PUT, cancel, a driver-metadata request, a blob block: sending twice does no harm.
    case idempotentWrite
    /// POST that creates a product, submission or shipping label: sending twice may make two.
    case create
    /// POST commit: landed or not is read back from the submission's `commitStatus`.
    case commit

    /// What to do after `error`, before counting attempts or the deadline.
    public func disposition(after error: DevCenterError) -> RetryDisposition {
        let transient = error.kind == .network || error.kind == .timeout
            || error.status.map(RetryRules.isTransientStatus) == true
        switch self {
        case .read, .idempotentWrite:
            return transient ? .retry : .fail
        case .create, .commit:
            if RetryRules.provablyNotProcessed(error) { return .retry }
            if transient { return .reconcile }
            // A commit refused as "not allowed now" may be answering an earlier commit that landed.
            if self == .commit, error.kind == .invalidState { return .reconcile }
            return .fail
        }
    }
}

/// What a failed attempt leads to.
public enum RetryDisposition: Sendable, Hashable {
    /// Send the request again, after a back-off.
    case retry
    /// Find out whether the request took effect before anything else.
    case reconcile
    /// Report the failure.
    case fail
}

/// The status and error rules behind ``OperationClass/disposition(after:)``.
public enum RetryRules {
    /// 408, 429, 500, 502, 503 and 504: answers that say "try again".
    public static func isTransientStatus(_ status: Int) -> Bool {
        status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
    }

    /// The request never reached the service, or the service refused it before doing anything
    /// (429 Too Many Requests, 408 Request Timeout: the request was not read in full).
    public static func provablyNotProcessed(_ error: DevCenterError) -> Bool {
        if error.delivery == .notSent { return true }
        return error.status == 429 || error.status == 408
    }
}
