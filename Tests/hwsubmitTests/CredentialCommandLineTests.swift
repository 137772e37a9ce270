import Foundation
import Testing

/// Signing in as pipelines do, through the built `hwsubmit` against a standalone emulator: each
/// way of signing in, what `hdc.whoami()` and `hwsubmit check` say about it, and each failure
/// with its exit status.
@Suite struct CredentialCommandLineTests {
    /// The test-only certificates (Tests/credentials/README.md).
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("credentials")
    static let passphrase = "fixture-passphrase"
    static let appThumbprint = "C0CDB102A363B49FF67D9CF7E674FAD263EE7C1E79A5159FC04E0F0521FF83E1"
    /// What the emulator wants as ACTIONS_ID_TOKEN_REQUEST_TOKEN and IDENTITY_HEADER.
    static let requestToken = "hwsubmit-demo-identity-request"

    let work: TemporaryDirectory
    let emulator: StandaloneEmulator
    /// The emulator's settings without its client secret.
    let base: [String: String]

    init() throws {
        work = try TemporaryDirectory()
        emulator = try StandaloneEmulator()
        var base = emulator.environment
        base["HDC_CLIENT_SECRET"] = nil
        base["XDG_CONFIG_HOME"] = work.url.appendingPathComponent("config").path
        self.base = base
        let certificate = try String(contentsOf: Self.fixtures.appendingPathComponent("app-cert.pem"), encoding: .utf8)
        try emulator.admin("POST", "/identity", ["apps": [[
            "clientId": emulator.environment["HDC_CLIENT_ID"] ?? "", "secrets": [emulator.environment["HDC_CLIENT_SECRET"] ?? ""],
            "certificates": [certificate], "federated": [["subject": "repo:contoso/drivers:ref:refs/heads/main"]],
        ]]])
    }

    /// The emulator's address, its token host.
    var authority: String { emulator.environment["HDC_AUTHORITY_HOST"] ?? "" }

    /// A copy of fixture `name` with `mode`.
    func copy(_ name: String, mode: Int = 0o600) throws -> String {
        let target = work.url.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: target)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target.path)
        return target.path
    }

    static let whoami = """
        local me = hdc.whoami()
        print(me.credentials, me.certificate_thumbprint or me.federated_token_source or me.managed_identity or "-")
        print("products: " .. #hdc.collect(hdc.products()))
        """

    func run(_ arguments: [String], _ environment: [String: String]) throws -> ScriptProcess.Outcome {
        try ScriptProcess.run(arguments, environment: environment, removing: ["HDC_CLIENT_SECRET"] + StandaloneEmulator.settingVariables)
    }

    @Test func eachWayOfSigningInWorksAndWhoamiSaysWhichWasUsed() throws {
        let tokenFile = work.url.appendingPathComponent("federated-token")
        let minted = try #require(try emulator.admin("POST", "/oidc/token", [:]) as? [String: Any])
        try Data((minted["token"] as? String ?? "").utf8).write(to: tokenFile)
        let ways: [(String, [String: String], String)] = [
            ("PEM", ["HDC_CERTIFICATE_PATH": try copy("app.pem")], "certificate\t\(Self.appThumbprint)"),
            ("encrypted PEM", ["AZURE_CLIENT_CERTIFICATE_PATH": try copy("app-encrypted.pem"), "HDC_CERTIFICATE_PASSWORD": Self.passphrase],
             "certificate\t\(Self.appThumbprint)"),
            ("PKCS#12", ["HDC_CERTIFICATE_PATH": try copy("app.p12"), "AZURE_CLIENT_CERTIFICATE_PASSWORD": Self.passphrase],
             "certificate\t\(Self.appThumbprint)"),
            ("token file", ["AZURE_FEDERATED_TOKEN_FILE": tokenFile.path], "federated token (file)\tthe file \(tokenFile.path)"),
            ("token command", ["HDC_FEDERATED_TOKEN_COMMAND": "cat '\(tokenFile.path)'"], "federated token (command)\tthe command `cat '\(tokenFile.path)'`"),
            ("GitHub Actions", [
                "ACTIONS_ID_TOKEN_REQUEST_URL": authority + "/oidc/github/token?api-version=2.0",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN": Self.requestToken,
            ], "federated token (GitHub Actions)\tGitHub Actions (audience api://AzureADTokenExchange)"),
            ("instance metadata", ["HDC_CREDENTIAL": "managed_identity", "HDC_IMDS_ENDPOINT": authority], "managed identity\tsystem-assigned identity"),
            ("App Service", ["IDENTITY_ENDPOINT": authority + "/msi/token", "IDENTITY_HEADER": Self.requestToken],
             "managed identity\tsystem-assigned identity"),
        ]
        for (name, variables, expected) in ways {
            let result = try run(["-e", Self.whoami], base.merging(variables) { _, new in new })
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stdout == expected + "\nproducts: 0\n", "\(name)")
            for secret in [Self.passphrase, Self.requestToken] {
                #expect(!(result.stdout + result.stderr).contains(secret), "\(name) printed a secret")
            }
        }
    }

    @Test func eachFailureSaysWhatAndExitsWithItsStatus() throws {
        let cases: [(String, [String: String], Int32, String)] = [
            ("readable by others", ["HDC_CERTIFICATE_PATH": try copy("app.pem", mode: 0o644)], 3, "Make it readable only by you: chmod 600"),
            ("wrong passphrase", ["HDC_CERTIFICATE_PATH": try copy("app-encrypted.pem"), "HDC_CERTIFICATE_PASSWORD": "not-the-passphrase"], 3,
             "The passphrase does not decrypt the private key in"),
            ("no passphrase", ["HDC_CERTIFICATE_PATH": try copy("app.p12")], 3, "cannot be read as PKCS#12 without a passphrase"),
            ("unknown thumbprint", ["HDC_CERTIFICATE_PATH": try copy("other.pem")], 3,
             "AADSTS700027: the client assertion's signature is invalid or its key is not registered"),
            ("missing certificate", ["HDC_CREDENTIAL": "certificate"], 3, "Signing in needs a certificate"),
            ("unreadable token file", ["AZURE_FEDERATED_TOKEN_FILE": work.url.path + "/no-such-token"], 3,
             "The federated token file \(work.url.path)/no-such-token does not exist or cannot be read"),
        ]
        for (name, variables, status, message) in cases {
            let result = try run(["-e", Self.whoami], base.merging(variables) { _, new in new })
            #expect(result.status == status, "\(name): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(!result.stderr.contains("not-the-passphrase") && !result.stderr.contains("BEGIN"), "\(name) showed a secret")
        }
        // The service's clock is an hour ahead: the assertion, good for ten minutes, has expired.
        try emulator.admin("POST", "/clock/advance", ["seconds": 3600])
        let expired = try run(["-e", Self.whoami], base.merging(["HDC_CERTIFICATE_PATH": try copy("app.pem")]) { _, new in new })
        #expect(expired.status == 3)
        #expect(expired.stderr.contains("AADSTS700024: the client assertion is not within its valid time range"), "\(expired.stderr)")
        #expect(expired.stderr.contains("check this machine's clock"))
    }

    @Test func checkListsEveryCredentialOfAPoolAndWhetherEachSignsIn() throws {
        let pem = try copy("app.pem")
        let client = emulator.environment["HDC_CLIENT_ID"] ?? ""
        let tenant = emulator.environment["HDC_TENANT_ID"] ?? ""
        let common = "tenant_id = \"\(tenant)\", authority = \"\(authority)\", base_url = \"\(emulator.baseURL)\", client_id = \"\(client)\""
        try work.write("config/hwsubmit/config.lua", """
            return { default = "team", profiles = {
              team = { pool = { "by-certificate", "by-secret", "wrong-secret" }, base_url = "\(emulator.baseURL)" },
              ["by-certificate"] = { \(common), certificate_path = "\(pem)" },
              ["by-secret"] = { \(common), client_secret_env = "TEAM_SECRET" },
              ["wrong-secret"] = { \(common), client_secret_env = "WRONG_SECRET" },
            } }
            """)
        var environment = base
        for name in ["HDC_TENANT_ID", "HDC_CLIENT_ID", "HDC_BASE_URL", "HDC_AUTHORITY_HOST"] { environment[name] = nil }
        environment["TEAM_SECRET"] = emulator.environment["HDC_CLIENT_SECRET"]
        environment["WRONG_SECRET"] = "a-wrong-secret"
        let result = try ScriptProcess.run(
            ["check", "--quiet"], environment: environment,
            removing: ["HDC_TENANT_ID", "HDC_CLIENT_ID", "HDC_CLIENT_SECRET", "HDC_BASE_URL", "HDC_AUTHORITY_HOST"] + StandaloneEmulator.settingVariables)
        #expect(result.stdout.contains("  credentials     pool of 3  (profile \"team\")"), "\(result.stdout)")
        #expect(result.stdout.contains("  member 1        client \(client) (certificate): signs in"))
        #expect(result.stdout.contains("  member 2        client \(client) (client secret): signs in"))
        #expect(result.stdout.contains("  member 3        client \(client) (client secret): FAILED"))
        #expect(result.stdout.contains("Pool member 3: ") && result.stdout.contains("AADSTS7000215: invalid client secret"))
        #expect(result.status == 3)
        #expect(!result.stdout.contains("a-wrong-secret"))
    }

    @Test func theSecretScanFindsNoCredentialOfAnyKindInLua() throws {
        let keyLine = try String(contentsOf: Self.fixtures.appendingPathComponent("app.pem"), encoding: .utf8)
            .split(separator: "\n").first { !$0.hasPrefix("-----") && $0.count > 40 && !$0.hasPrefix("MII") }.map(String.init) ?? "unreachable"
        // A certificate (its key, passphrase and assertions) and GitHub Actions (its request
        // token and OIDC tokens, which a token file would hold too); the emulator's App Service
        // identity header is the same value as the request token.
        let kinds: [(String, [String: String], fed: String)] = [
            ("certificate", ["HDC_CERTIFICATE_PATH": try copy("app-encrypted.pem"), "HDC_CERTIFICATE_PASSWORD": Self.passphrase], Self.passphrase),
            ("GitHub Actions", [
                "ACTIONS_ID_TOKEN_REQUEST_URL": authority + "/oidc/github/token?api-version=2.0",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN": Self.requestToken,
            ], Self.requestToken),
        ]
        let jwt = try Regex(#"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\."#)
        for (name, variables, fed) in kinds {
            let output = try TemporaryDirectory()
            let strings = output.url.appendingPathComponent("strings.txt")
            // The kind's own secret in every encoding, fed through every output after the walk.
            let samples = try SecretOutputTests.writeSamples(secrets: [fed], in: output)
            let result = try run(
                ["--log-level", "debug", ScriptProcess.luaTests.appendingPathComponent("secrets_scan.lua").path, strings.path,
                 ScriptRun.example, output.url.path, samples.path],
                base.merging(variables) { _, new in new })
            #expect(result.status == 1, "\(name): the scan ends with an uncaught error: \(result.stderr.suffix(3000))")
            #expect(result.stdout.contains("fed \(SecretSamples.samples(secrets: [fed]).count) samples"), "\(name): the feed ran to its end")
            let lines = String(decoding: try Data(contentsOf: strings), as: UTF8.self).split(separator: "\n")
            #expect(lines.count > 200, "\(name): the walk reached the state's strings")
            let printed = result.stdout + result.stderr
            for text in lines.map(String.init) + [printed] {
                for secret in [Self.passphrase, Self.requestToken, keyLine] {
                    #expect(!text.contains(secret), "\(name): a credential is reachable from Lua or was printed")
                }
                #expect(text.firstMatch(of: jwt) == nil, "\(name): an assertion or token is reachable from Lua or was printed")
            }
        }
    }

    @Test func hdcConnectTakesEveryKindAndNeverASecret() throws {
        let pem = try copy("app-encrypted.pem")
        let client = emulator.environment["HDC_CLIENT_ID"] ?? ""
        let tenant = emulator.environment["HDC_TENANT_ID"] ?? ""
        let script = """
            local where = {base_url = "\(emulator.baseURL)", authority = "\(authority)", tenant_id = "\(tenant)", client_id = "\(client)"}
            local function with(extra) local t = {} for k, v in pairs(where) do t[k] = v end for k, v in pairs(extra) do t[k] = v end return t end
            local certificate = hdc.connect(with{certificate_path = "\(pem)", certificate_passphrase_env = "RELEASE_PASSPHRASE", certificate_algorithm = "PS256"})
            print(certificate:whoami().credentials, #hdc.collect(certificate:products()))
            local managed = hdc.connect{base_url = where.base_url, credential = "managed_identity", managed_identity_client_id = "ci-identity"}
            print(managed:whoami().managed_identity)
            print(select(2, pcall(hdc.connect, with{certificate_passphrase = "hunter2"})))
            print(os.getenv("RELEASE_PASSPHRASE"))
            """
        try emulator.admin("POST", "/identity", ["managedIdentities": [["clientId": "ci-identity"]]])
        let result = try run(["-e", script], base.merging(["RELEASE_PASSPHRASE": Self.passphrase, "HDC_IMDS_ENDPOINT": authority]) { _, new in new })
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "certificate\t0")
        #expect(lines.dropFirst().first == "user-assigned identity ci-identity")
        #expect(lines.dropFirst(2).first?.contains("field 'certificate_passphrase': secrets are not given to scripts") == true)
        #expect(lines.dropFirst(3).first?.hasPrefix("nil\tRELEASE_PASSPHRASE holds a secret") == true, "the passphrase's variable is taken out of the environment once hdc.connect read it")
        #expect(!result.stdout.contains(Self.passphrase) && !result.stderr.contains(Self.passphrase))
    }

    @Test func theBuiltInEmulatorIsTheManagedIdentityOfAnEmulatorRun() throws {
        let result = try ScriptProcess.run(
            ["--emulator", "-e", "local me = hdc.whoami() print(me.credentials, me.managed_identity_endpoint, #hdc.collect(hdc.products()))"],
            environment: ["HDC_CREDENTIAL": "managed_identity"], removing: StandaloneEmulator.settingVariables)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("managed identity\tthe instance metadata service at http://127.0.0.1:"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("\t0\n"))
    }
}
