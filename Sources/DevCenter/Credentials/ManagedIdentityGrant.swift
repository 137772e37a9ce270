/// Tokens from a managed identity endpoint (the instance metadata service, or App Service's).
struct ManagedIdentityGrant: TokenGrant {
    let credentials: ManagedIdentityCredentials

    var method: String { "GET" }
    var url: String { credentials.endpointURL }
    var who: String { "the \(credentials.identityName)" }
    var hostSetting: String { "HDC_IMDS_ENDPOINT or IDENTITY_ENDPOINT" }
    var secrets: [Secret] { credentials.secrets }

    func request(_ context: TokenGrantContext) async throws -> TransportRequest {
        var request = credentials.request(timeout: context.timeout, userAgent: context.userAgent)
        for field in context.headers.fields where request.headers[field.name] == nil { request.headers.add(field.name, field.value) }
        return request
    }

    func refusal(_ response: TransportResponse, operation: String) -> DevCenterError {
        let json = try? JSONValue(parsing: response.body)
        let detail = json?["error_description"]?.stringValue ?? json?["message"]?.stringValue ?? json?["error"]?.stringValue
        let advice = credentials.clientID != nil
            ? "Check that a user-assigned identity with client ID \(credentials.clientID!) is assigned to this machine or app (HDC_MANAGED_IDENTITY_CLIENT_ID or the profile's managed_identity_client_id)."
            : "Check that this machine or app has a system-assigned managed identity turned on, or name a user-assigned one with HDC_MANAGED_IDENTITY_CLIENT_ID."
        return .authentication(
            "\(credentials.endpoint) refused a token for the \(credentials.identityName)\(detail.map { ": \($0)" } ?? "")",
            advice: advice, status: response.status, operation: operation)
    }
}
