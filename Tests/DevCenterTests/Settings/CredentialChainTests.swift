import DevCenter
import DevCenterTestSupport
import Foundation
import Testing

@Suite("The auto chain of credentials and what it says when something is missing")
struct CredentialChainTests {
    let folder: URL
    let ids = ["HDC_TENANT_ID": "tenant-1", "HDC_CLIENT_ID": "client-1"]

    init() throws { folder = try CredentialFixtures.temporaryFolder() }

    func resolve(_ environment: [String: String], options: ConnectionOptions = ConnectionOptions(), profiles: StaticProfileSource? = nil) throws -> ConnectionSettings {
        try ConnectionSettings.resolve(options: options, environment: environment, profiles: profiles)
    }

    func failure(_ body: () throws -> Void) -> DevCenterError? {
        do { try body() } catch let error as DevCenterError { return error } catch {}
        return nil
    }

    @Test("auto takes, at each level, the access token, then a secret, a certificate, a federated token, a managed identity")
    func order() throws {
        let pem = try CredentialFixtures.copy("app.pem", to: folder)
        var env = ids.merging(["HDC_CERTIFICATE_PATH": pem, "AZURE_FEDERATED_TOKEN_FILE": "/run/token"]) { a, _ in a }
        #expect(try resolve(env).credentials.kindName == "certificate")
        #expect(try resolve(env.merging(["HDC_CLIENT_SECRET": "s3cret"]) { a, _ in a }).credentials.kindName == "client secret")
        env["HDC_CERTIFICATE_PATH"] = nil
        let federated = try resolve(env)
        #expect(federated.credentials.kindName == "federated token (file)")
        #expect(federated.origins[.federatedToken] == .environment("AZURE_FEDERATED_TOKEN_FILE"))
        // An explicit option beats everything the environment holds.
        let explicit = try resolve(env, options: { var o = ConnectionOptions(); o.federatedTokenCommand = "print-token"; return o }())
        #expect(explicit.credentials.kindName == "federated token (command)")
        // Kubernetes' workload identity sets the Azure SDK's names only.
        let kubernetes = try resolve(["AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_FEDERATED_TOKEN_FILE": "/run/token", "AZURE_AUTHORITY_HOST": "http://127.0.0.1:9"])
        guard case .client(let c) = kubernetes.credentials else { Issue.record("not client credentials"); return }
        #expect(c.tenantID == "t" && c.clientID == "c" && c.authorityHost == "http://127.0.0.1:9")
    }

    @Test("with nothing configured, what the platform offers: GitHub Actions' token, then App Service's identity; the metadata service only when asked")
    func platform() throws {
        let github = try resolve(ids.merging(["ACTIONS_ID_TOKEN_REQUEST_URL": "http://127.0.0.1:9/t?api-version=2.0", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "r"]) { a, _ in a })
        #expect(github.credentials.kindName == "federated token (GitHub Actions)")
        let appService = try resolve(["IDENTITY_ENDPOINT": "http://127.0.0.1:9/msi/token", "IDENTITY_HEADER": "h"])
        #expect(appService.credentials.kindName == "managed identity")
        let none = try #require(failure { _ = try resolve(["HOME": "/home/x"]) })
        #expect(none.message == "No credentials for Hardware Dev Center were found")
        let imds = try resolve(["HDC_CREDENTIAL": "managed_identity", "HDC_MANAGED_IDENTITY_CLIENT_ID": "user-1", "HDC_IMDS_ENDPOINT": "http://127.0.0.1:9"])
        guard case .managedIdentity(let identity) = imds.credentials, case .imds(let host) = identity.endpoint else { Issue.record("not IMDS"); return }
        #expect(host == "http://127.0.0.1:9" && identity.clientID == "user-1")
        #expect(imds.origins[.credential] == .environment("HDC_CREDENTIAL"))
    }

    @Test("a chosen credential says what is missing and where to set it")
    func misconfiguration() throws {
        let certificate = try #require(failure { _ = try resolve(ids.merging(["HDC_CREDENTIAL": "certificate", "HDC_CLIENT_SECRET": "s"]) { a, _ in a }) })
        #expect(certificate.kind == .configuration)
        #expect(certificate.message == "Signing in needs a certificate (credential \"certificate\" from environment variable HDC_CREDENTIAL), but none is set")
        #expect(certificate.advice.contains("HDC_CERTIFICATE_PATH"))
        let github = try #require(failure { _ = try resolve(ids.merging(["HDC_CREDENTIAL": "github_actions"]) { a, _ in a }) })
        #expect(github.advice.contains("id-token: write"))
        let noClient = try #require(failure { _ = try resolve(["HDC_TENANT_ID": "t", "AZURE_FEDERATED_TOKEN_FILE": "/run/token"]) })
        #expect(noClient.message == "A federated token was given but the client ID (HDC_CLIENT_ID) is missing")
        let unknown = try #require(failure { _ = try resolve(ids.merging(["HDC_CREDENTIAL": "password"]) { a, _ in a }) })
        #expect(unknown.message.hasPrefix("The credential \"password\" (environment variable HDC_CREDENTIAL) is not a way of signing in"))
    }

    @Test("a profile's pool resolves each member from its own profile, whatever the environment says")
    func pool() throws {
        let pem = try CredentialFixtures.copy("app.pem", to: folder)
        var a = Profile(name: "a", tenantID: "t", clientID: "client-a", clientSecret: .environment("A_SECRET"))
        a.authorityHost = "http://127.0.0.1:9"
        var b = Profile(name: "b", tenantID: "t", clientID: "client-b")
        b.certificate = CertificateSettings(path: pem)
        var both = Profile(name: "both")
        both.pool = ["a", "b"]
        let profiles = StaticProfileSource([a, b, both], defaultProfile: "both")
        let settings = try resolve(["A_SECRET": "secret-a", "HDC_CLIENT_ID": "ignored"], profiles: profiles)
        guard case .pool(let members) = settings.credentials else { Issue.record("not a pool"); return }
        #expect(members.map(\.label) == ["client client-a (client secret)", "client client-b (certificate)"])
        #expect(settings.origins[.pool] == .profile("both"))
        var broken = both
        broken.pool = ["a", "missing"]
        let error = try #require(failure { _ = try resolve(["A_SECRET": "x"], profiles: StaticProfileSource([a, broken], defaultProfile: "both")) })
        #expect(error.message == "The credential pool names the profile \"missing\", which test profiles does not have")
    }
}
