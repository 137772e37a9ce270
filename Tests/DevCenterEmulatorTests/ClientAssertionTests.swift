import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

@Suite("The token endpoint checks client assertions as Entra ID does")
struct ClientAssertionTests {
    let folder: URL

    init() throws { folder = try CredentialFixtures.temporaryFolder() }

    func form(_ pairs: [(String, String)]) -> [UInt8] {
        Array(pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&").utf8)
    }

    func post(_ h: EmulatorHarness, assertion: String, client: String? = nil) async throws -> EmulatorHarness.Answer {
        try await h.send(
            .POST, url: h.emulator.tokenURL(), headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: form([
                ("grant_type", "client_credentials"), ("client_id", client ?? h.emulator.clientID),
                ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), ("client_assertion", assertion),
                ("resource", "https://manage.devcenter.microsoft.com"),
            ]))
    }

    func certificate() throws -> ClientCertificate {
        try ClientCertificate.load(path: CredentialFixtures.copy("app.pem", to: folder), passphrase: nil)
    }

    func register(_ h: EmulatorHarness) throws {
        try h.emulator.registerIdentities(IdentitySetup(apps: [
            AppRegistrationSetup(clientId: h.emulator.clientID, certificates: [CredentialFixtures.appCertificatePEM])
        ]))
    }

    func aadsts(_ answer: EmulatorHarness.Answer) -> Int64? { answer.json["error_codes"]?[0]?.int64Value }

    @Test("a good assertion gets a token; the same jti again is refused (AADSTS50013), as is a wrong audience")
    func replayAndAudience() async throws {
        try await EmulatorHarness.with { h in
            try register(h)
            let assertion = try ClientAssertion.make(certificate: certificate(), clientID: h.emulator.clientID, audience: h.emulator.tokenURL())
            let first = try await post(h, assertion: assertion.exposedValue)
            #expect(first.status == 200, "\(first.text)")
            let again = try await post(h, assertion: assertion.exposedValue)
            #expect(again.status == 400)
            #expect(aadsts(again) == 50013)
            #expect(again.json["error_description"]?.stringValue?.contains("was already used") == true)
            let elsewhere = try ClientAssertion.make(
                certificate: certificate(), clientID: h.emulator.clientID, audience: "https://login.microsoftonline.com/\(h.emulator.tenantID)/oauth2/token")
            let wrongAudience = try await post(h, assertion: elsewhere.exposedValue)
            #expect(aadsts(wrongAudience) == 50013)
            #expect(wrongAudience.json["error_description"]?.stringValue?.contains("audience claim") == true)
            // The v2 endpoint's URL is an audience too.
            let v2 = try ClientAssertion.make(certificate: certificate(), clientID: h.emulator.clientID, audience: h.emulator.tokenURL(v2: true))
            #expect(try await post(h, assertion: v2.exposedValue).status == 200)
        }
    }

    @Test("expired, not yet valid, altered, unknown key, no thumbprint: each with Entra ID's code")
    func refusals() async throws {
        try await EmulatorHarness.with { h in
            try register(h)
            let audience = h.emulator.tokenURL()
            let old = try ClientAssertion.make(
                certificate: certificate(), clientID: h.emulator.clientID, audience: audience, now: Date().addingTimeInterval(-3600))
            #expect(aadsts(try await post(h, assertion: old.exposedValue)) == 700024)
            let future = try ClientAssertion.make(
                certificate: certificate(), clientID: h.emulator.clientID, audience: audience, now: Date().addingTimeInterval(3600))
            #expect(aadsts(try await post(h, assertion: future.exposedValue)) == 700024)
            let good = try ClientAssertion.make(certificate: certificate(), clientID: h.emulator.clientID, audience: audience).exposedValue
            var parts = good.split(separator: ".").map(String.init)
            var signature = Array(parts[2])
            signature[10] = signature[10] == "A" ? "B" : "A"
            parts[2] = String(signature)
            let altered = try await post(h, assertion: parts.joined(separator: "."))
            #expect(altered.status == 401)
            #expect(aadsts(altered) == 700027)
            let other = try ClientCertificate.load(path: CredentialFixtures.copy("other.pem", to: folder), passphrase: nil)
            let unknown = try await post(h, assertion: try ClientAssertion.make(certificate: other, clientID: h.emulator.clientID, audience: audience).exposedValue)
            #expect(aadsts(unknown) == 700027)
            #expect(unknown.json["error_description"]?.stringValue?.contains(CredentialFixtures.otherSHA256) == true)
            #expect(aadsts(try await post(h, assertion: "not-a-jwt")) == 50027)
            #expect(aadsts(try await post(h, assertion: good, client: "no-such-app")) == 700016)
        }
    }

    @Test("the OIDC issuer publishes its discovery document and keys; its GitHub-style endpoint wants the request token")
    func issuer() async throws {
        try await EmulatorHarness.with { h in
            let discovery = try await h.send(.GET, url: h.emulator.oidcIssuer + "/.well-known/openid-configuration")
            #expect(discovery.json["issuer"]?.stringValue == h.emulator.oidcIssuer)
            let keys = try await h.send(.GET, url: try #require(discovery.json["jwks_uri"]?.stringValue))
            #expect(keys.json["keys"]?[0]?["kty"] == "RSA")
            let refused = try await h.send(.GET, url: h.emulator.githubTokenRequestURL + "&audience=api://AzureADTokenExchange")
            #expect(refused.status == 401)
            let token = try await h.send(
                .GET, url: h.emulator.githubTokenRequestURL + "&audience=api://AzureADTokenExchange",
                headers: [("Authorization", "Bearer \(EmulatorDefaults.identityRequestToken)")])
            let payload = try #require(token.json["value"]?.stringValue?.split(separator: ".").dropFirst().first.flatMap { Base64URL.decode($0) })
            let claims = try JSONValue(parsing: payload)
            #expect(claims["sub"]?.stringValue == EmulatorDefaults.federatedSubject)
            #expect(claims["aud"]?.stringValue == "api://AzureADTokenExchange")
            #expect(claims["iss"]?.stringValue == h.emulator.oidcIssuer)
            let tenant = try await h.send(.GET, url: "\(h.emulator.authority)/\(h.emulator.tenantID)/v2.0/.well-known/openid-configuration")
            #expect(tenant.json["token_endpoint"]?.stringValue == h.emulator.tokenURL(v2: true))
        }
    }

    @Test("the instance metadata endpoint wants Metadata: true; App Service's its identity header")
    func managedIdentityHeaders() async throws {
        try await EmulatorHarness.with { h in
            let imds = h.emulator.authority + "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://manage.devcenter.microsoft.com"
            let bare = try await h.send(.GET, url: imds)
            #expect(bare.status == 400)
            #expect(bare.json["error_description"] == "Required metadata header not specified")
            let good = try await h.send(.GET, url: imds, headers: [("Metadata", "true")])
            #expect(good.status == 200)
            #expect(good.json["client_id"]?.stringValue == EmulatorDefaults.managedIdentityClientID)
            #expect(good.json["expires_in"]?.stringValue != nil)
            let appService = h.emulator.identityEndpoint + "?api-version=2019-08-01&resource=https://manage.devcenter.microsoft.com"
            #expect(try await h.send(.GET, url: appService).status == 401)
            #expect(try await h.send(.GET, url: appService, headers: [("X-IDENTITY-HEADER", EmulatorDefaults.identityRequestToken)]).status == 200)
        }
    }

    @Test("a scenario registers apps; a bad certificate in it is refused whole")
    func scenario() throws {
        let good = try EmulatorScenario.parse(Data("""
            {"identity": {"apps": [{"clientId": "ci", "certificates": [\(JSONValue.string(CredentialFixtures.appCertificatePEM).jsonText)], "requestsPerMinute": 5}],
                          "managedIdentities": [{"clientId": "user-assigned"}]}}
            """.utf8))
        #expect(good.identity?.apps?.first?.requestsPerMinute == 5)
        #expect(throws: ScenarioError.self) {
            try EmulatorScenario.parse(Data(#"{"identity": {"apps": [{"clientId": "ci", "certificates": ["not a certificate"]}]}}"#.utf8))
        }
    }
}
