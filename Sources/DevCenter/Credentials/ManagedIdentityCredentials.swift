/// An Azure managed identity: the machine (or App Service, Functions, Container Apps) signs in
/// on the script's behalf, and no secret exists anywhere.
public struct ManagedIdentityCredentials: Sendable, CustomStringConvertible {
    /// Where the identity's tokens come from.
    public enum Endpoint: Sendable, CustomStringConvertible {
        /// The Azure Instance Metadata Service of a VM or scale set; `host` is
        /// `http://169.254.169.254` unless overridden (`HDC_IMDS_ENDPOINT`,
        /// `AZURE_POD_IDENTITY_AUTHORITY_HOST`).
        case imds(host: String)
        /// App Service, Functions or Container Apps: `IDENTITY_ENDPOINT` with `IDENTITY_HEADER`.
        case appService(url: String, header: Secret)

        public var description: String {
            switch self {
            case .imds(let host): return "the instance metadata service at \(host)"
            case .appService(let url, _): return "the App Service identity endpoint \(url)"
            }
        }
    }

    public static let defaultIMDSHost = "http://169.254.169.254"

    public var endpoint: Endpoint
    /// The client ID of a user-assigned identity; `nil` for the system-assigned one.
    public var clientID: String?
    /// The API the token is for.
    public var resource: String

    public init(endpoint: Endpoint, clientID: String? = nil, resource: String = ClientCredentials.defaultResource) {
        self.endpoint = endpoint
        self.clientID = clientID
        self.resource = resource
    }

    /// "system-assigned" or "user-assigned 5f1b…".
    public var identityName: String { clientID.map { "user-assigned identity \($0)" } ?? "system-assigned identity" }

    /// The token request: a GET with the resource in the query and the endpoint's own header.
    func request(timeout: Duration, userAgent: String) -> TransportRequest {
        var query = [("resource", resource)]
        if let clientID { query.append(("client_id", clientID)) }
        let url: String
        var headers: TransportHeaders = ["Accept": "application/json", "User-Agent": userAgent]
        switch endpoint {
        case .imds(let host):
            query.insert(("api-version", "2018-02-01"), at: 0)
            url = URLPath.trimmingTrailingSlashes(host) + "/metadata/identity/oauth2/token"
            headers.add("Metadata", "true")
        case .appService(let endpoint, let header):
            query.insert(("api-version", "2019-08-01"), at: 0)
            url = endpoint
            headers.add("X-IDENTITY-HEADER", header.exposedValue)
        }
        let text = query.map { "\($0.0)=\(Redactor.percentEncoded($0.1))" }.joined(separator: "&")
        return TransportRequest(method: "GET", url: url + (url.contains("?") ? "&" : "?") + text, headers: headers, body: nil, timeout: timeout)
    }

    /// The endpoint's URL without its query, for messages.
    var endpointURL: String {
        switch endpoint {
        case .imds(let host): return URLPath.trimmingTrailingSlashes(host) + "/metadata/identity/oauth2/token"
        case .appService(let url, _): return url
        }
    }

    var secrets: [Secret] {
        if case .appService(_, let header) = endpoint { return [header] }
        return []
    }

    public var description: String { "ManagedIdentity(\(identityName), \(endpoint))" }
}
