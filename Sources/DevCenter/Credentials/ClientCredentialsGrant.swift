import Foundation

/// The client-credentials grant at Entra ID's token endpoint, with a client secret, a
/// certificate's signed assertion, or a federated token as the assertion.
struct ClientCredentialsGrant: TokenGrant {
    let credentials: ClientCredentials

    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    var method: String { "POST" }
    var url: String { credentials.tokenURL }
    var who: String { "client \(credentials.clientID) in tenant \(credentials.tenantID)" }
    var hostSetting: String { DevCenterError.authoritySetting }
    var secrets: [Secret] { credentials.proof.secrets }

    func request(_ context: TokenGrantContext) async throws -> TransportRequest {
        let fields: [(String, String)]
        switch credentials.proof {
        case .secret(let secret):
            fields = [("client_secret", secret.exposedValue)]
        case .certificate(let certificate):
            let assertion = try ClientAssertion.make(
                certificate: certificate, clientID: credentials.clientID, audience: credentials.tokenURL, now: context.now)
            fields = [("client_assertion_type", Self.assertionType), ("client_assertion", assertion.exposedValue)]
        case .federatedToken(let source):
            let token = try await source.read(
                transport: context.transport, timeout: context.timeout, userAgent: context.userAgent, logger: context.logger)
            fields = [("client_assertion_type", Self.assertionType), ("client_assertion", token.exposedValue)]
        }
        var headers = context.headers
        headers.add("Content-Type", "application/x-www-form-urlencoded")
        return TransportRequest(
            method: "POST", url: url, headers: headers, body: credentials.formBody(proofFields: fields), timeout: context.timeout)
    }

    func refusal(_ response: TransportResponse, operation: String) -> DevCenterError {
        let json = try? JSONValue(parsing: response.body)
        let detail = json?["error_description"]?.stringValue ?? json?["error"]?.stringValue
        let code = EntraErrorCode.first(in: detail)
        var advice = code?.advice(credentials)
        if let note = credentials.sourceNote { advice = (advice ?? DevCenterError.Kind.authenticationAdvice) + " " + note }
        var message = "The token endpoint refused the \(credentials.proof.kindName) of \(who)"
        if let code { message += " (AADSTS\(code.number): \(code.meaning))" }
        if let detail { message += ": \(detail)" }
        return .authentication(message, advice: advice, status: response.status, operation: operation)
    }
}
