import DevCenter
import Foundation
import HTTPTypes
import Hummingbird

/// The emulator's identity endpoints besides the token endpoint: its OIDC issuer (discovery,
/// JWKS and a GitHub Actions-style token request), the OpenID configuration of the tenant that
/// MSAL asks for, and the managed identity endpoints (instance metadata and App Service styles).
struct IdentityRoutes: Sendable {
    let tenantID: String
    let tokens: TokenService
    let identities: IdentityRegistry
    let issuer: OIDCIssuer
    let clock: EmulatorClock

    static let routeNames = [
        "GET /oidc/.well-known/openid-configuration", "GET /oidc/keys", "GET /oidc/github/token",
        "GET /{tenant}/v2.0/.well-known/openid-configuration", "GET /metadata/identity/oauth2/token", "GET /msi/token",
    ]

    /// - Parameters:
    ///   - origin: the scheme and host the request was sent to (links in the tenant's configuration).
    ///   - issuerOrigin: the emulator's own origin, which names its OIDC issuer.
    func route(method: HTTPRequest.Method, pathSegments p: [String], query: [String: String], origin: String, issuerOrigin: String) -> RouteMatch? {
        guard method == .get else { return nil }
        let name: String
        let handler: @Sendable (Request) throws -> Response
        switch p {
        case ["oidc", ".well-known", "openid-configuration"]:
            name = Self.routeNames[0]
            handler = { _ in TokenService.json(issuer.discovery(origin: issuerOrigin).objectValue ?? [:]) }
        case ["oidc", "keys"]:
            name = Self.routeNames[1]
            handler = { _ in TokenService.json(issuer.jwks().objectValue ?? [:]) }
        case ["oidc", "github", "token"]:
            name = Self.routeNames[2]
            handler = { request in try githubToken(request, query: query, origin: issuerOrigin) }
        case let s where (s.count == 4 && s[1] == "v2.0" || s.count == 3) && s.suffix(2) == [".well-known", "openid-configuration"]:
            name = Self.routeNames[3]
            let tenant = s[0]
            handler = { _ in try tenantConfiguration(tenant, origin: origin) }
        case ["metadata", "identity", "oauth2", "token"]:
            name = Self.routeNames[4]
            handler = { request in try managedIdentityToken(request, query: query, appService: false) }
        case ["msi", "token"]:
            name = Self.routeNames[5]
            handler = { request in try managedIdentityToken(request, query: query, appService: true) }
        default:
            return nil
        }
        return RouteMatch(name: name, area: .token) { request, _ in try handler(request) }
    }

    /// What MSAL reads before it asks for a token: the tenant's endpoints.
    private func tenantConfiguration(_ tenant: String, origin: String) throws -> Response {
        guard tenant.lowercased() == tenantID.lowercased() || ["common", "organizations"].contains(tenant.lowercased()) else {
            throw HTTPFailure.aad(.badRequest, "invalid_tenant", "Tenant '\(tenant)' not found. The emulator's tenant is \(tenantID).", aadsts: 90002)
        }
        let base = "\(origin)/\(tenantID)"
        return TokenService.json([
            "token_endpoint": .string(base + "/oauth2/v2.0/token"), "authorization_endpoint": .string(base + "/oauth2/v2.0/authorize"),
            "device_authorization_endpoint": .string(base + "/oauth2/v2.0/devicecode"),
            "issuer": .string("\(origin)/\(tenantID)/v2.0"), "jwks_uri": .string(base + "/discovery/v2.0/keys"),
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"], "tenant_region_scope": "EU",
        ])
    }

    /// GitHub Actions' `ACTIONS_ID_TOKEN_REQUEST_URL`: `{"value": <OIDC token>}` for the bearer
    /// `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, with the audience asked for.
    private func githubToken(_ request: Request, query: [String: String], origin: String) throws -> Response {
        guard request.headers[.authorization] == "Bearer \(EmulatorDefaults.identityRequestToken)"
            || request.headers[.authorization] == "bearer \(EmulatorDefaults.identityRequestToken)"
        else {
            throw HTTPFailure(
                status: .unauthorized,
                json: ["message": "The request token is missing or wrong: send ACTIONS_ID_TOKEN_REQUEST_TOKEN as 'Authorization: Bearer …'."],
                code: "unauthorized")
        }
        let audience = query["audience"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://github.com/contoso"
        let token = issuer.mint(
            issuer: OIDCIssuer.issuer(origin: origin), subject: identities.githubSubject, audience: audience, lifetime: 300,
            now: clock.now, extra: ["repository": "contoso/drivers", "ref": "refs/heads/main", "runner_environment": "github-hosted"])
        return TokenService.json(["count": 1, "value": .string(token)])
    }

    /// A token for a managed identity, as the instance metadata service (`Metadata: true`) or
    /// App Service (`X-IDENTITY-HEADER`) hands it out.
    private func managedIdentityToken(_ request: Request, query: [String: String], appService: Bool) throws -> Response {
        func refuse(_ status: HTTPResponse.Status, _ error: String, _ description: String) -> HTTPFailure {
            HTTPFailure(status: status, json: ["error": .string(error), "error_description": .string(description)], code: error)
        }
        if appService {
            guard request.headers[HTTPField.Name("X-IDENTITY-HEADER")!] == EmulatorDefaults.identityRequestToken else {
                throw refuse(.unauthorized, "unauthorized", "The X-IDENTITY-HEADER header is missing or wrong: send the value of IDENTITY_HEADER.")
            }
        } else {
            guard request.headers[HTTPField.Name("Metadata")!]?.lowercased() == "true" else {
                throw refuse(.badRequest, "invalid_request", "Required metadata header not specified")
            }
        }
        guard let version = query["api-version"], !version.isEmpty else {
            throw refuse(.badRequest, "invalid_request", "Required query variable 'api-version' is missing")
        }
        guard let resource = query["resource"], resource.lowercased().trimmingSuffix("/") == TokenService.resource else {
            throw refuse(.badRequest, "invalid_resource", "The resource '\(query["resource"] ?? "")' is not one the identity can get tokens for. Use \(TokenService.resource).")
        }
        let clientID = query["client_id"].flatMap { $0.isEmpty ? nil : $0 }
        guard let identity = identities.managedIdentity(clientID) else {
            throw refuse(.badRequest, "invalid_request", clientID.map { "Identity not found: no user-assigned identity with client ID \($0) is assigned." } ?? "Identity not found: the system-assigned identity is not turned on.")
        }
        let now = clock.now
        let expiresIn = Int(tokens.lifetime.seconds) - 1
        let expiresOn = Int64(now.timeIntervalSince1970) + Int64(expiresIn)
        let appID = identity.appID
        return TokenService.json([
            "access_token": .string(tokens.makeToken(for: appID, issuedAt: now, expiresOn: expiresOn)),
            "client_id": .string(appID), "expires_in": .string(String(expiresIn)), "expires_on": .string(String(expiresOn)),
            "ext_expires_in": .string(String(expiresIn)), "not_before": .string(String(Int64(now.timeIntervalSince1970))),
            "resource": .string(TokenService.resource), "token_type": "Bearer",
        ])
    }
}
