import DevCenter
import DevCenterTestSupport
import Foundation
import Testing

@Suite("Where connection settings come from")
struct ConnectionSettingsTests {
    let profiles = StaticProfileSource(
        [
            Profile(
                name: "work", tenantID: "profile-tenant", clientID: "profile-client",
                clientSecret: .environment("WORK_SECRET"), baseURL: "http://127.0.0.1:8080/v2.0/my/hardware",
                authorityHost: "http://127.0.0.1:8080", tokenEndpoint: .v2),
            Profile(name: "ci", accessToken: .environment("CI_TOKEN")),
            Profile(name: "filed", tenantID: "t", clientID: "c", clientSecret: .file("/nonexistent/secret")),
        ], defaultProfile: "work", location: "~/.config/hwsubmit/config.lua")

    func clientSecret(_ settings: ConnectionSettings) -> ClientCredentials? {
        if case .client(let c) = settings.credentials { return c }
        return nil
    }

    func accessToken(_ settings: ConnectionSettings) -> String? {
        if case .accessToken(let t) = settings.credentials { return t.exposedValue }
        return nil
    }

    @Test("the default profile supplies everything when nothing else is set")
    func profileOnly() throws {
        let s = try ConnectionSettings.resolve(environment: ["WORK_SECRET": "from-env-var"], profiles: profiles)
        let c = try #require(clientSecret(s))
        #expect(c.tenantID == "profile-tenant")
        #expect(c.clientSecret?.exposedValue == "from-env-var")
        #expect(c.tokenURL == "http://127.0.0.1:8080/profile-tenant/oauth2/v2.0/token")
        #expect(s.baseURL.string == "http://127.0.0.1:8080/v2.0/my/hardware")
        #expect(s.profileName == "work")
        #expect(s.origins[.clientSecret] == .profile("work"))
    }

    @Test("the environment overrides the profile, field by field")
    func environmentOverProfile() throws {
        let s = try ConnectionSettings.resolve(
            environment: ["HDC_TENANT_ID": "env-tenant", "HDC_CLIENT_SECRET": "env-secret", "HDC_BASE_URL": "https://example.test/v1.0/my/hardware/"],
            profiles: profiles)
        let c = try #require(clientSecret(s))
        #expect(c.tenantID == "env-tenant")
        #expect(c.clientID == "profile-client")
        #expect(c.clientSecret?.exposedValue == "env-secret")
        #expect(s.baseURL.string == "https://example.test/v1.0/my/hardware")
        #expect(s.origins[.tenantID] == .environment("HDC_TENANT_ID"))
        #expect(s.origins[.clientID] == .profile("work"))
    }

    @Test("explicit options override the environment")
    func explicitOverEnvironment() throws {
        let s = try ConnectionSettings.resolve(
            options: ConnectionOptions(tenantID: "flag-tenant", clientSecret: Secret("flag-secret"), baseURL: "https://flag.test/v2.0/my/hardware"),
            environment: ["HDC_TENANT_ID": "env-tenant", "HDC_CLIENT_ID": "env-client", "HDC_CLIENT_SECRET": "env-secret", "HDC_BASE_URL": "https://env.test"],
            profiles: profiles)
        let c = try #require(clientSecret(s))
        #expect(c.tenantID == "flag-tenant")
        #expect(c.clientID == "env-client")
        #expect(c.clientSecret?.exposedValue == "flag-secret")
        #expect(s.baseURL.string == "https://flag.test/v2.0/my/hardware")
    }

    @Test("HDC_ACCESS_TOKEN in the environment beats a profile's client secret, and an explicit secret beats it")
    func accessTokenPrecedence() throws {
        let env = ["HDC_ACCESS_TOKEN": "env-token", "WORK_SECRET": "x"]
        #expect(accessToken(try ConnectionSettings.resolve(environment: env, profiles: profiles)) == "env-token")
        let explicit = try ConnectionSettings.resolve(
            options: ConnectionOptions(tenantID: "t", clientID: "c", clientSecret: Secret("flag-secret")), environment: env,
            profiles: profiles)
        #expect(clientSecret(explicit)?.clientSecret?.exposedValue == "flag-secret")
        #expect(accessToken(try ConnectionSettings.resolve(options: ConnectionOptions(accessToken: Secret("flag-token")), environment: env)) == "flag-token")
    }

    @Test("the profile is chosen by option, then HDC_PROFILE, then the default")
    func profileSelection() throws {
        let env = ["HDC_PROFILE": "ci", "CI_TOKEN": "ci-token", "WORK_SECRET": "w"]
        #expect(accessToken(try ConnectionSettings.resolve(environment: env, profiles: profiles)) == "ci-token")
        let chosen = try ConnectionSettings.resolve(options: ConnectionOptions(profile: "work"), environment: env, profiles: profiles)
        #expect(chosen.profileName == "work")
    }

    @Test("a missing profile lists the ones there are")
    func missingProfile() {
        #expect {
            try ConnectionSettings.resolve(environment: ["HDC_PROFILE": "nope"], profiles: profiles)
        } throws: { error in
            let e = error as? DevCenterError
            return e?.kind == .configuration && e?.description.contains("work, ci, filed") == true
                && e?.description.contains("config.lua") == true
        }
    }

    @Test("a secret source that is not there says where it looked")
    func missingSecret() {
        #expect {
            try ConnectionSettings.resolve(environment: [:], profiles: profiles)
        } throws: { error in (error as? DevCenterError)?.message.contains("WORK_SECRET") == true }
        #expect {
            try ConnectionSettings.resolve(options: ConnectionOptions(profile: "filed"), environment: [:], profiles: profiles)
        } throws: { error in (error as? DevCenterError)?.message.contains("/nonexistent/secret") == true }
    }

    @Test("a secret file is read and trimmed")
    func secretFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hdc-secret-\(UUID().uuidString)").path
        try "file-secret\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = StaticProfileSource([Profile(name: "f", tenantID: "t", clientID: "c", clientSecret: .file(path))], defaultProfile: "f")
        let s = try ConnectionSettings.resolve(environment: [:], profiles: source)
        #expect(clientSecret(s)?.clientSecret?.exposedValue == "file-secret")
    }

    @Test("no credentials anywhere says what to set")
    func nothing() {
        #expect {
            try ConnectionSettings.resolve(environment: [:])
        } throws: { error in
            let text = (error as? DevCenterError)?.description ?? ""
            return text.contains("HDC_CLIENT_SECRET") && text.contains("HDC_ACCESS_TOKEN") && text.contains("HDC_PROFILE")
        }
        #expect {
            try ConnectionSettings.resolve(environment: ["HDC_CLIENT_SECRET": "s", "HDC_TENANT_ID": "t"])
        } throws: { error in (error as? DevCenterError)?.message.contains("client ID") == true }
    }

    @Test("a malformed base URL is refused")
    func badBaseURL() {
        #expect(throws: DevCenterError.self) { try ServiceBaseURL("manage.devcenter.microsoft.com/v2.0") }
        #expect(throws: DevCenterError.self) { try ServiceBaseURL("ftp://x/y") }
    }

    @Test("a secret and a client ID from different sources keep the precedence, and the credentials say so")
    func mixedSources() throws {
        let mixed = try ConnectionSettings.resolve(
            options: ConnectionOptions(profile: "work"), environment: ["HDC_CLIENT_SECRET": "env-secret", "WORK_SECRET": "w"],
            profiles: profiles)
        let c = try #require(clientSecret(mixed))
        #expect(c.clientSecret?.exposedValue == "env-secret" && c.clientID == "profile-client", "precedence per field")
        #expect(c.sourceNote?.contains(#"client secret came from environment variable HDC_CLIENT_SECRET, but the client ID from profile "work""#) == true)
        let explicit = try ConnectionSettings.resolve(
            options: ConnectionOptions(clientSecret: Secret("given")),
            environment: ["HDC_TENANT_ID": "t", "HDC_CLIENT_ID": "env-client"])
        #expect(try #require(clientSecret(explicit)).sourceNote?.contains("given explicitly") == true)
        let together = try ConnectionSettings.resolve(
            environment: ["HDC_TENANT_ID": "t", "HDC_CLIENT_ID": "c", "HDC_CLIENT_SECRET": "s"], profiles: profiles)
        #expect(try #require(clientSecret(together)).sourceNote == nil)
        #expect(try #require(clientSecret(try ConnectionSettings.resolve(environment: ["WORK_SECRET": "w"], profiles: profiles))).sourceNote == nil)
    }
}
