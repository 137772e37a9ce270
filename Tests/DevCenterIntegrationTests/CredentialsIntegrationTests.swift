import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Testing

@Suite("Against the emulator: credentials from each source, in precedence")
struct CredentialsIntegrationTests {
    func profiles(_ h: IntegrationHarness, secretVariable: String) -> StaticProfileSource {
        StaticProfileSource(
            [Profile(
                name: "emulator", tenantID: h.emulator.tenantID, clientID: h.emulator.clientID,
                clientSecret: .environment(secretVariable), baseURL: h.emulator.baseURL, authorityHost: h.emulator.authority)],
            defaultProfile: "emulator", location: "test config.lua")
    }

    func works(_ settings: ConnectionSettings, _ h: IntegrationHarness) async throws -> Bool {
        let client = DevCenterClient(
            settings: settings, configuration: DevCenterConfiguration(retryPolicy: .none), transport: h.transport,
            clock: h.clock.devCenterClock, logger: h.capture.logger)
        do {
            _ = try await client.products().collect()
            return true
        } catch let error as DevCenterError where error.kind == .authentication {
            return false
        }
    }

    @Test("a profile alone connects, its secret read from the variable it names")
    func profileAlone() async throws {
        try await IntegrationHarness.run { h in
            let settings = try ConnectionSettings.resolve(
                environment: ["EMU_SECRET": h.emulator.clientSecret], profiles: profiles(h, secretVariable: "EMU_SECRET"))
            #expect(try await works(settings, h))
        }
    }

    @Test("the environment's secret beats the profile's")
    func environmentBeatsProfile() async throws {
        try await IntegrationHarness.run { h in
            let env = ["EMU_SECRET": "wrong-profile-secret", "HDC_CLIENT_SECRET": h.emulator.clientSecret]
            let good = try ConnectionSettings.resolve(environment: env, profiles: profiles(h, secretVariable: "EMU_SECRET"))
            #expect(try await works(good, h))
            let bad = try ConnectionSettings.resolve(
                environment: ["EMU_SECRET": h.emulator.clientSecret, "HDC_CLIENT_SECRET": "wrong-env-secret"],
                profiles: profiles(h, secretVariable: "EMU_SECRET"))
            #expect(try await works(bad, h) == false)
        }
    }

    @Test("an explicit secret beats the environment's")
    func explicitBeatsEnvironment() async throws {
        try await IntegrationHarness.run { h in
            let env = ["HDC_CLIENT_SECRET": "wrong-env-secret"]
            let settings = try ConnectionSettings.resolve(
                options: ConnectionOptions(clientSecret: Secret(h.emulator.clientSecret)), environment: env,
                profiles: profiles(h, secretVariable: "UNSET"))
            #expect(try await works(settings, h))
        }
    }

    @Test("HDC_ACCESS_TOKEN is used as is; a refused one is reported, not retried")
    func staticToken() async throws {
        try await IntegrationHarness.run { h in
            let provider = RefreshingTokenProvider(credentials: h.credentials, transport: h.transport)
            let token = try await provider.token(logger: h.capture.logger).value.exposedValue
            let env = ["HDC_ACCESS_TOKEN": token, "HDC_BASE_URL": h.emulator.baseURL]
            #expect(try await works(try ConnectionSettings.resolve(environment: env), h))
            let refused = try ConnectionSettings.resolve(environment: ["HDC_ACCESS_TOKEN": "not-a-token", "HDC_BASE_URL": h.emulator.baseURL])
            #expect(try await works(refused, h) == false)
        }
    }

    @Test("a secret from the environment with a profile's client ID is refused with a message that says they came from different places")
    func mixedSourcesSaid() async throws {
        try await IntegrationHarness.run { h in
            let env = ["EMU_SECRET": h.emulator.clientSecret, "HDC_CLIENT_SECRET": "secret-of-another-app"]
            let settings = try ConnectionSettings.resolve(
                options: ConnectionOptions(profile: "emulator"), environment: env, profiles: profiles(h, secretVariable: "EMU_SECRET"))
            #expect(settings.origins[.clientSecret] == .environment("HDC_CLIENT_SECRET"))
            #expect(settings.origins[.clientID] == .profile("emulator"))
            let client = DevCenterClient(
                settings: settings, configuration: DevCenterConfiguration(retryPolicy: .none), transport: h.transport,
                clock: h.clock.devCenterClock, logger: h.capture.logger)
            let error = try #require(await #expect(throws: DevCenterError.self) { try await client.products().collect() })
            #expect(error.kind == .authentication)
            #expect(error.description.contains(
                #"the client secret came from environment variable HDC_CLIENT_SECRET, but the client ID from profile "emulator""#),
                "\(error.description)")

            // From one source, nothing of the kind is said.
            let single = try ConnectionSettings.resolve(
                environment: ["EMU_SECRET": "wrong-secret"], profiles: profiles(h, secretVariable: "EMU_SECRET"))
            guard case .client(let credentials) = single.credentials else { Issue.record("no client secret"); return }
            #expect(credentials.sourceNote == nil)
        }
    }
}
