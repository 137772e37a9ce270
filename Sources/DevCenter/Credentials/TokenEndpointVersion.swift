/// Which Microsoft Entra ID token endpoint to ask; both give equivalent tokens.
public enum TokenEndpointVersion: String, Sendable, Hashable, CaseIterable {
    /// `POST {authority}/{tenant}/oauth2/token` with `resource=…`: what the hardware API's documentation shows.
    case v1
    /// `POST {authority}/{tenant}/oauth2/v2.0/token` with `scope=…/.default`.
    case v2

    /// The endpoint's path below the authority host.
    func path(tenantID: String) -> String {
        let tenant = URLPath.encodeSegment(tenantID)
        switch self {
        case .v1: return "/\(tenant)/oauth2/token"
        case .v2: return "/\(tenant)/oauth2/v2.0/token"
        }
    }
}
