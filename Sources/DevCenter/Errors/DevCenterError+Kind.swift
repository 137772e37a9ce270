extension DevCenterError {
    /// The kind of a ``DevCenterError``: a small, stable set that callers switch on and that the
    /// interpreter maps to exit statuses.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String, CaseIterable {
            case configuration, authentication, forbidden, notFound, invalidInput, invalidState
            case rateLimited, server, network, timeout, uncertainOutcome, workflowFailed, invalidResponse
            case urlExpired, localFile
        }

        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// Settings are missing or contradict each other (no credentials, a malformed base URL, …).
        public static let configuration = Kind(.configuration)
        /// The credentials were refused (401, or the token endpoint said no).
        public static let authentication = Kind(.authentication)
        /// The credentials are valid but lack a role (403).
        public static let forbidden = Kind(.forbidden)
        /// The product, submission or label does not exist for this account (404, `entityNotFound`).
        public static let notFound = Kind(.notFound)
        /// The request was refused as malformed (400, 415, 422, `invalidInput`).
        public static let invalidInput = Kind(.invalidInput)
        /// The resource is not in a state that allows the request (`requestInvalidForCurrentState`, 409, …).
        public static let invalidState = Kind(.invalidState)
        /// Too many requests (429).
        public static let rateLimited = Kind(.rateLimited)
        /// The service failed (5xx).
        public static let server = Kind(.server)
        /// The connection failed or was lost.
        public static let network = Kind(.network)
        /// No answer in time, or a wait passed its deadline.
        public static let timeout = Kind(.timeout)
        /// A create may or may not have happened, and looking it up did not settle which.
        public static let uncertainOutcome = Kind(.uncertainOutcome)
        /// The submission or shipping label failed in the service's pipeline.
        public static let workflowFailed = Kind(.workflowFailed)
        /// The service answered something this client cannot read.
        public static let invalidResponse = Kind(.invalidResponse)
        /// A SAS URL (upload or download) has expired.
        public static let urlExpired = Kind(.urlExpired)
        /// A local file of a transfer could not be read or written (missing, unreadable, changed
        /// while being uploaded, a full disk).
        public static let localFile = Kind(.localFile)

        /// Every kind, for tables that map kinds to exit statuses or script codes.
        public static let all: [Kind] = Code.allCases.map(Kind.init)

        /// The kind's name: `notFound`, `rateLimited`, …
        public var name: String { code.rawValue }
        public var description: String { code.rawValue }

        /// Kinds whose cause usually passes by itself.
        var isTransient: Bool {
            switch code {
            case .rateLimited, .server, .network, .timeout: return true
            default: return false
            }
        }
    }
}
