import DevCenter
import DevCenterEmulator
import Foundation
import Testing

@Suite("The token endpoint and bearer tokens")
struct TokenEndpointTests {
    func form(_ pairs: [(String, String)]) -> [UInt8] {
        Array(pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&").utf8)
    }

    func token(_ h: EmulatorHarness, v2: Bool = false, tenant: String? = nil, _ pairs: [(String, String)]) async throws -> EmulatorHarness.Answer {
        try await h.send(.POST, url: h.emulator.tokenURL(tenant: tenant, v2: v2),
                         headers: [("Content-Type", "application/x-www-form-urlencoded")], body: form(pairs))
    }

    @Test("v1 answers like Azure AD, numbers as strings, with resource and expires_on")
    func v1() async throws {
        try await EmulatorHarness.with { h in
            let answer = try await token(h, [("grant_type", "client_credentials"), ("client_id", h.emulator.clientID),
                                            ("client_secret", h.emulator.clientSecret), ("resource", "https://manage.devcenter.microsoft.com")])
            #expect(answer.status == 200)
            #expect(answer.json["token_type"] == "Bearer")
            #expect(answer.json["expires_in"] == "3599")
            #expect(answer.json["expires_on"]?.stringValue.flatMap(Int64.init) != nil)
            #expect(answer.json["resource"] == "https://manage.devcenter.microsoft.com")
            #expect(answer.json["access_token"]?.stringValue?.split(separator: ".").count == 3)
        }
    }

    @Test("v2 takes scope and answers numbers")
    func v2() async throws {
        try await EmulatorHarness.with { h in
            let answer = try await token(h, v2: true, [("grant_type", "client_credentials"), ("client_id", h.emulator.clientID),
                                                      ("client_secret", h.emulator.clientSecret), ("scope", "https://manage.devcenter.microsoft.com/.default")])
            #expect(answer.status == 200)
            #expect(answer.json["expires_in"] == .integer(3599))
            #expect(answer.json["expires_on"]?.int64Value != nil)
            let bad = try await token(h, v2: true, [("grant_type", "client_credentials"), ("client_id", h.emulator.clientID),
                                                   ("client_secret", h.emulator.clientSecret), ("scope", "https://graph.microsoft.com/.default")])
            #expect(bad.status == 400)
            #expect(bad.json["error"] == "invalid_scope")
        }
    }

    @Test("bad credentials, tenant and grant get Azure AD's error JSON")
    func refusals() async throws {
        try await EmulatorHarness.with { h in
            let id = h.emulator.clientID, secret = h.emulator.clientSecret
            let resource = ("resource", "https://manage.devcenter.microsoft.com")
            let wrongSecret = try await token(h, [("grant_type", "client_credentials"), ("client_id", id), ("client_secret", "nope"), resource])
            #expect(wrongSecret.status == 401)
            #expect(wrongSecret.json["error"] == "invalid_client")
            #expect(wrongSecret.json["error_codes"] == [7000215])
            #expect(wrongSecret.json["error_description"]?.stringValue?.hasPrefix("AADSTS7000215") == true)
            #expect(!wrongSecret.text.contains(secret))

            let noSecret = try await token(h, [("grant_type", "client_credentials"), ("client_id", id), resource])
            #expect(noSecret.status == 401 && noSecret.json["error"] == "invalid_client")
            let wrongClient = try await token(h, [("grant_type", "client_credentials"), ("client_id", "other"), ("client_secret", secret), resource])
            #expect(wrongClient.status == 400 && wrongClient.json["error"] == "unauthorized_client")
            let wrongTenant = try await token(h, tenant: "contoso.onmicrosoft.com", [("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret), resource])
            #expect(wrongTenant.status == 400 && wrongTenant.json["error_codes"] == [90002])
            let noGrant = try await token(h, [("client_id", id), ("client_secret", secret), resource])
            #expect(noGrant.status == 400 && noGrant.json["error"] == "invalid_request")
            let password = try await token(h, [("grant_type", "password"), ("client_id", id), ("client_secret", secret), resource])
            #expect(password.status == 400 && password.json["error"] == "unsupported_grant_type")
            let wrongResource = try await token(h, [("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret), ("resource", "https://example.com")])
            #expect(wrongResource.status == 400 && wrongResource.json["error"] == "invalid_resource")
        }
    }

    @Test("a token expires by the emulator's clock; expired, forged and missing tokens get 401")
    func expiry() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .zero, tokenLifetime: .seconds(120))) { h in
            #expect(try await h.api(.GET, "/products").status == 200)
            h.emulator.advanceClock(bySeconds: 60)
            #expect(try await h.api(.GET, "/products").status == 200)
            h.emulator.advanceClock(bySeconds: 61)
            let expired = try await h.api(.GET, "/products")
            #expect(expired.status == 401)
            #expect(expired.errorMessage?.contains("expired") == true)
            #expect(expired.headers["WWW-Authenticate"].first?.contains("invalid_token") == true)
            let fresh = try await h.fetchToken()
            #expect(try await h.api(.GET, "/products", token: fresh).status == 200)

            var forged = Array(fresh)
            forged[forged.count - 2] = forged[forged.count - 2] == "A" ? "B" : "A"
            #expect(try await h.api(.GET, "/products", token: String(forged)).status == 401)
            #expect(try await h.api(.GET, "/products", token: "not-a-token").status == 401)
            let none = try await h.send(.GET, url: h.emulator.baseURL + "/products")
            #expect(none.status == 401)
            #expect(none.errorMessage?.contains("Authorization") == true)
        }
    }
}
