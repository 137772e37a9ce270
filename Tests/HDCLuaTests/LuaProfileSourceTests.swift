import DevCenter
import Foundation
import HDCLua
import Testing

/// config.lua: profiles, the default, os.getenv, and everything it refuses.
@Suite struct LuaProfileSourceTests {
    private func source(_ text: String, environment: [String: String] = [:]) throws -> (LuaProfileSource, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hwsubmit-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("config.lua")
        try Data(text.utf8).write(to: file)
        return (LuaProfileSource(path: file.path, environment: environment), directory)
    }

    private func problem(_ text: String) throws -> String {
        let (profiles, directory) = try source(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try profiles.profile(named: nil)
            Issue.record("expected the file to be refused")
            return ""
        } catch let error as DevCenterError {
            #expect(error.kind == .configuration)
            return error.description
        }
    }

    @Test func profilesResolveWithTheirSecretsFromTheEnvironment() throws {
        let (profiles, directory) = try source("""
            return {
              default = "contoso",
              profiles = {
                contoso = { tenant_id = "tenant-a", client_id = "client-a", client_secret_env = "CONTOSO_SECRET" },
                fabrikam = { tenant_id = os.getenv("FABRIKAM_TENANT"), client_id = "client-b",
                             client_secret_file = "~/fabrikam.secret", token_endpoint = "v2",
                             base_url = "https://manage.devcenter.microsoft.com/v1.0/my/hardware" },
              },
            }
            """, environment: ["FABRIKAM_TENANT": "tenant-b"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try profiles.profileNames() == ["contoso", "fabrikam"])
        let contoso = try #require(try profiles.profile(named: nil))
        #expect(contoso.name == "contoso")
        #expect(contoso.clientSecret == .environment("CONTOSO_SECRET"))
        let fabrikam = try #require(try profiles.profile(named: "fabrikam"))
        #expect(fabrikam.tenantID == "tenant-b")
        #expect(fabrikam.clientSecret == .file("~/fabrikam.secret"))
        #expect(fabrikam.tokenEndpoint == .v2)
        let settings = try ConnectionSettings.resolve(environment: ["CONTOSO_SECRET": "s3cret-value"], profiles: profiles)
        #expect(settings.profileName == "contoso")
        #expect(settings.origins[.tenantID] == .profile("contoso"))
    }

    @Test func aSecretInTheFileIsRefused() throws {
        let text = try problem("return { profiles = { p = { tenant_id = 't', client_id = 'c', client_secret = 'oops' } } }")
        #expect(text.contains("holds `client_secret` itself"))
        #expect(text.contains("client_secret_env"))
        #expect(!text.contains("oops"))
    }

    @Test(arguments: [
        ("return { profiles = { p = { tenent_id = 't' } } }", "unknown field `tenent_id`"),
        ("return { profiles = { p = { tenant_id = 42 } } }", "`tenant_id` must be a string"),
        ("return { default = 'q', profiles = { p = {} } }", "names the profile \"q\""),
        ("return 'profiles'", "returns string, not a table of profiles"),
        ("return {", "fails:"),
        ("return { profiles = { p = { token_endpoint = 'v3' } } }", "must be \"v1\" or \"v2\""),
        ("return { profiles = { p = { request_timeout = 'soon' } } }", "`request_timeout` is \"soon\", not a duration; write a number of seconds"),
        ("io.open('/etc/passwd')", "attempt to index a nil value (global 'io')"),
        ("while true do end", "the file runs too long"),
    ])
    func mistakesAreExplained(text: String, expected: String) throws {
        #expect(try problem(text).contains(expected))
    }

    @Test func aProfilesRequestTimeoutTakesEveryDurationFormAndReachesItsSettings() throws {
        for (text, expected) in [("90", Duration.seconds(90)), ("30s", .seconds(30)), ("400ms", .milliseconds(400)), ("2m", .seconds(120))] {
            let (profiles, directory) = try source(
                "return { default = 'p', profiles = { p = { tenant_id = 't', client_id = 'c', client_secret_env = 'S', request_timeout = '\(text)' } } }")
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(try profiles.profile(named: nil)?.requestTimeout == expected, "request_timeout = '\(text)'")
            let settings = try ConnectionSettings.resolve(environment: ["S": "secret"], profiles: profiles)
            #expect(settings.requestTimeout == expected)
        }
    }

    @Test func noFileMeansNoProfilesUnlessOneIsNamed() throws {
        let missing = LuaProfileSource(path: "/nonexistent/hwsubmit/config.lua", environment: [:])
        #expect(try missing.profile(named: nil) == nil)
        #expect(throws: DevCenterError.self) { try missing.profile(named: "contoso") }
        #expect(LuaProfileSource.standardPath(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"]) == "/cfg/hwsubmit/config.lua")
        #expect(LuaProfileSource.standardPath(environment: ["HOME": "/home/u"]) == "/home/u/.config/hwsubmit/config.lua")
    }

    @Test func credentialFieldsOfEveryKindAndPools() throws {
        let (profiles, directory) = try source("""
            return {
              profiles = {
                cert = { tenant_id = "t", client_id = "c1", certificate_path = "~/app.pem", certificate_passphrase_env = "CERT_PASS",
                         certificate_algorithm = "ps256", send_certificate_chain = true },
                k8s = { tenant_id = "t", client_id = "c2", federated_token_file = "/var/run/secrets/azure/tokens/azure-identity-token" },
                ci = { tenant_id = "t", client_id = "c3", credential = "github_actions", federated_audience = "api://AzureADTokenExchange" },
                vm = { credential = "managed_identity", managed_identity_client_id = "user-assigned-1" },
                both = { pool = { "cert", "k8s" } },
              },
            }
            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cert = try #require(try profiles.profile(named: "cert"))
        #expect(cert.certificate == CertificateSettings(path: "~/app.pem", passphrase: .environment("CERT_PASS"), algorithm: .ps256, sendChain: true))
        #expect(try profiles.profile(named: "k8s")?.federatedTokenFile == "/var/run/secrets/azure/tokens/azure-identity-token")
        #expect(try profiles.profile(named: "ci")?.credential == .githubActions)
        let vm = try #require(try profiles.profile(named: "vm"))
        #expect(vm.credential == .managedIdentity && vm.managedIdentityClientID == "user-assigned-1")
        #expect(try profiles.profile(named: "both")?.pool == ["cert", "k8s"])
        #expect(try profiles.secretVariables().contains("CERT_PASS"))
    }

    @Test func credentialFieldsAreChecked() throws {
        #expect(try problem(#"return { profiles = { p = { certificate_passphrase = "hunter2" } } }"#).contains("holds `certificate_passphrase` itself; a profile never holds a secret"))
        #expect(try problem(#"return { profiles = { p = { credential = "password" } } }"#).contains("`credential` must be one of \"auto\""))
        #expect(try problem(#"return { profiles = { p = { pool = "a" } } }"#).contains("`pool` must be a list of profile names"))
        #expect(try problem(#"return { profiles = { p = { certificate_algorithm = "RS256" } } }"#).contains("has `certificate_algorithm` but no `certificate_path`"))
    }
}
