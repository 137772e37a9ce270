import Crypto
import DevCenter
import Foundation
import HTTPTypes
import Hummingbird

/// The Azure AD token endpoint (client-credentials grant, v1 and v2 forms, with a client secret
/// or a client assertion: a certificate's or a federated token) and the check of bearer tokens
/// on every hardware API call.
///
/// Tokens are JWT-shaped and signed with a per-instance key, so a reset of the emulator's state
/// does not sign clients out, and an expired or forged token is refused by its own content.
struct TokenService: Sendable {
    static let resource = "https://manage.devcenter.microsoft.com"
    static let scope = "https://manage.devcenter.microsoft.com/.default"
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    let tenantID: String
    let lifetime: Duration
    let clock: EmulatorClock
    let identities: IdentityRegistry
    let issuer: OIDCIssuer
    let key = SymmetricKey(size: .bits256)

    /// The names of the token routes, as the request log and faults use them.
    static let routeNames = ["POST /{tenant}/oauth2/token", "POST /{tenant}/oauth2/v2.0/token"]

    func route(method: HTTPRequest.Method, pathSegments: [String], origins: [String]) -> RouteMatch? {
        let v1 = pathSegments.count == 3 && pathSegments[1] == "oauth2" && pathSegments[2] == "token"
        let v2 = pathSegments.count == 4 && pathSegments[1] == "oauth2" && pathSegments[2] == "v2.0" && pathSegments[3] == "token"
        guard v1 || v2 else { return nil }
        let tenant = pathSegments[0]
        let name = v1 ? "POST /{tenant}/oauth2/token" : "POST /{tenant}/oauth2/v2.0/token"
        return RouteMatch(name: name, area: .token) { request, _ in
            guard method == .post else {
                throw HTTPFailure.aad(.methodNotAllowed, "invalid_request", "The token endpoint only accepts POST.", aadsts: 900561)
            }
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: 64 << 10)
            } catch {
                throw HTTPFailure.aad(.contentTooLarge, "invalid_request", "The token request body is larger than 64 KiB; send only the form fields.", aadsts: 900144)
            }
            return try issue(tenant: tenant, form: FormBody.parse(String(buffer: body)), v2: v2, origins: origins)
        }
    }

    private func issue(tenant: String, form: [String: String], v2: Bool, origins: [String]) throws(HTTPFailure) -> Response {
        guard tenant.lowercased() == tenantID.lowercased() else {
            throw .aad(.badRequest, "invalid_request",
                       "Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. The emulator's tenant is \(tenantID).",
                       aadsts: 90002)
        }
        func required(_ name: String) throws(HTTPFailure) -> String {
            guard let value = form[name], !value.isEmpty else {
                throw .aad(.badRequest, "invalid_request", "The request body must contain the following parameter: '\(name)'.", aadsts: 900144)
            }
            return value
        }
        let grant = try required("grant_type")
        guard grant == "client_credentials" else {
            throw .aad(.badRequest, "unsupported_grant_type",
                       "The provided value for the input parameter 'grant_type' is not valid: '\(grant)'. Use client_credentials.", aadsts: 70003)
        }
        let client = try required("client_id")
        guard let app = identities.app(client) else {
            throw .aad(.badRequest, "unauthorized_client",
                       "Application with identifier '\(client)' was not found in the directory '\(tenantID)'. Check the client ID.", aadsts: 700016)
        }
        if let assertion = form["client_assertion"], !assertion.isEmpty {
            guard form["client_assertion_type"] == Self.assertionType else {
                throw .aad(.badRequest, "invalid_request",
                           "The request body must contain the following parameter: 'client_assertion_type', with the value '\(Self.assertionType)'.", aadsts: 900144)
            }
            let audiences = origins.flatMap { ["\($0)/\(tenant)/oauth2/token", "\($0)/\(tenant)/oauth2/v2.0/token"] }
            let check = ClientAssertionCheck(
                registry: identities, issuer: issuer, ownIssuer: OIDCIssuer.issuer(origin: origins.last ?? ""), audiences: audiences, now: clock.now)
            try check.verify(assertion, app: app)
        } else {
            guard let secret = form["client_secret"], !secret.isEmpty else {
                throw .aad(.unauthorized, "invalid_client",
                           "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", aadsts: 7000216)
            }
            guard (app.setup.secrets ?? []).contains(secret) else {
                throw .aad(.unauthorized, "invalid_client",
                           "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '\(app.setup.clientId)'.",
                           aadsts: 7000215)
            }
        }
        if v2 {
            let scope = try required("scope")
            guard scope.split(separator: " ").contains(where: { $0.lowercased() == Self.scope.lowercased() }) else {
                throw .aad(.badRequest, "invalid_scope",
                           "The provided value for the input parameter 'scope' is not valid: '\(scope)'. Use \(Self.scope).", aadsts: 70011)
            }
        } else {
            let resource = try required("resource")
            guard resource.lowercased().trimmingSuffix("/") == Self.resource else {
                throw .aad(.badRequest, "invalid_resource",
                           "The resource principal named \(resource) was not found in the tenant. Use \(Self.resource).", aadsts: 500011)
            }
        }
        let now = clock.now
        let expiresIn = Int(lifetime.seconds) - 1
        let expiresOn = Int64(now.timeIntervalSince1970) + Int64(expiresIn)
        let token = makeToken(for: app.setup.clientId, issuedAt: now, expiresOn: expiresOn)
        var body: [String: JSONValue] = ["token_type": "Bearer", "access_token": .string(token)]
        if v2 {
            body["expires_in"] = .integer(Int64(expiresIn))
            body["ext_expires_in"] = .integer(Int64(expiresIn))
            body["expires_on"] = .integer(expiresOn)
        } else {
            // The v1 endpoint writes its numbers as strings.
            body["expires_in"] = .string(String(expiresIn))
            body["ext_expires_in"] = .string(String(expiresIn))
            body["expires_on"] = .string(String(expiresOn))
            body["not_before"] = .string(String(Int64(now.timeIntervalSince1970)))
            body["resource"] = .string(Self.resource)
        }
        return Self.json(body)
    }

    /// A JSON answer that no cache keeps.
    static func json(_ body: [String: JSONValue]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store, no-cache"
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(data: JSONValue.object(body).serialized())))
    }

    /// An access token for the hardware API, for `appID` (an app registration or a managed identity).
    func makeToken(for appID: String, issuedAt: Date, expiresOn: Int64) -> String {
        let header: JSONValue = ["typ": "JWT", "alg": "HS256"]
        let payload: JSONValue = [
            "aud": .string(Self.resource), "iss": .string("https://sts.windows.net/\(tenantID)/"),
            "iat": .integer(Int64(issuedAt.timeIntervalSince1970)), "nbf": .integer(Int64(issuedAt.timeIntervalSince1970)),
            "exp": .integer(expiresOn), "appid": .string(appID), "tid": .string(tenantID),
            "roles": ["Manager", "DriverSubmitter", "ShippingLabelOwner"], "jti": .string(UUID().uuidString.lowercased()),
        ]
        let signingInput = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(payload.serialized())
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Data(mac))
    }

    /// Checks `Authorization: Bearer …`; throws the service's 401 when it is missing, forged or
    /// expired. Returns the client ID the token was issued to.
    @discardableResult
    func authorize(_ request: Request) throws(HTTPFailure) -> String {
        guard let header = request.headers[.authorization] else {
            throw unauthorized("The request has no Authorization header. Get a token from the token endpoint and send it as 'Authorization: Bearer <token>'.", error: nil)
        }
        guard header.lowercased().hasPrefix("bearer ") else {
            throw unauthorized("The Authorization header is not a bearer token. Send 'Authorization: Bearer <token>'.", error: "invalid_request")
        }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let signature = Base64URL.decode(parts[2]),
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data("\(parts[0]).\(parts[1])".utf8), using: key),
            let payloadData = Base64URL.decode(parts[1]),
            let payload = try? JSONValue(parsing: payloadData),
            let exp = payload["exp"]?.int64Value
        else {
            throw unauthorized("The access token is not one this service issued (malformed or altered). Get a new token from the token endpoint.", error: "invalid_token")
        }
        guard Double(exp) > clock.now.timeIntervalSince1970 else {
            throw unauthorized("The access token has expired. Get a new token from the token endpoint and retry.", error: "invalid_token")
        }
        return payload["appid"]?.stringValue ?? ""
    }

    private func unauthorized(_ message: String, error: String?) -> HTTPFailure {
        let body = ServiceErrorBody(code: "authenticationFailed", message: message).wrapped
        var challenge = #"Bearer authorization_uri="https://login.microsoftonline.com/\#(tenantID)", resource_id="\#(Self.resource)""#
        if let error { challenge += #", error="\#(error)""# }
        return HTTPFailure(status: .unauthorized, json: body, code: "authenticationFailed", headers: [(.wwwAuthenticate, challenge)])
    }

    static func base64URL(_ data: Data) -> String { Base64URL.encode(data) }

    static func base64URLDecode(_ text: Substring) -> Data? { Base64URL.decode(text) }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
