import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

@Suite("Against the emulator: certificates, federated tokens, managed identity and pools")
struct WorkloadIdentityIntegrationTests {
    /// The emulator's default app registration with `proof`.
    func credentials(_ h: IntegrationHarness, _ proof: ClientProof, client: String? = nil) -> Credentials {
        .client(ClientCredentials(
            tenantID: h.emulator.tenantID, clientID: client ?? h.emulator.clientID, proof: proof, authorityHost: h.emulator.authority))
    }

    func registerCertificate(_ h: IntegrationHarness) throws {
        try h.emulator.registerIdentities(IdentitySetup(apps: [AppRegistrationSetup(
            clientId: h.emulator.clientID, secrets: [h.emulator.clientSecret], certificates: [CredentialFixtures.appCertificatePEM],
            federated: [FederatedCredentialSetup(subject: EmulatorDefaults.federatedSubject)])]))
    }

    /// The authentication error listing products with `credentials` gives, or nil when it works.
    func refusal(_ h: IntegrationHarness, _ credentials: Credentials) async throws -> DevCenterError? {
        let client = try h.client(retryPolicy: .none, credentials: credentials)
        do {
            _ = try await client.products().collect()
            return nil
        } catch let error as DevCenterError {
            return error
        }
    }

    @Test("a certificate signs in from PEM, encrypted PEM (RS256 and PS256, with x5c) and PKCS#12")
    func certificateForms() async throws {
        let folder = try CredentialFixtures.temporaryFolder()
        try await IntegrationHarness.run { h in
            try registerCertificate(h)
            let phrase = Secret(CredentialFixtures.passphrase)
            let pem = try ClientCertificate.load(path: CredentialFixtures.copy("app.pem", to: folder), passphrase: nil)
            let encrypted = try ClientCertificate.load(
                path: CredentialFixtures.copy("app-encrypted.pem", to: folder), passphrase: phrase, algorithm: .ps256, sendChain: true)
            let pkcs12 = try ClientCertificate.load(path: CredentialFixtures.copy("app.p12", to: folder), passphrase: phrase)
            for certificate in [pem, encrypted, pkcs12] {
                #expect(try await refusal(h, credentials(h, .certificate(certificate))) == nil, "\(certificate)")
            }
            #expect(h.requests("POST /{tenant}/oauth2/token").map(\.status) == [200, 200, 200])
        }
    }

    @Test("an unknown certificate, an expired assertion: the service's AADSTS code, its meaning and what to do")
    func certificateRefusals() async throws {
        let folder = try CredentialFixtures.temporaryFolder()
        try await IntegrationHarness.run { h in
            try registerCertificate(h)
            let other = try ClientCertificate.load(path: CredentialFixtures.copy("other.pem", to: folder), passphrase: nil)
            let unknown = try #require(try await refusal(h, credentials(h, .certificate(other))))
            #expect(unknown.kind == .authentication)
            #expect(unknown.message.contains("(AADSTS700027: the client assertion's signature is invalid or its key is not registered)"))
            #expect(unknown.message.contains(CredentialFixtures.otherSHA256))
            #expect(unknown.advice.contains("Upload the certificate with SHA-256 thumbprint \(CredentialFixtures.otherSHA256)"))
            // The service's clock is an hour ahead: the assertion, good for ten minutes, has expired.
            h.emulator.advanceClock(bySeconds: 3600)
            let app = try ClientCertificate.load(path: CredentialFixtures.copy("app.pem", to: folder), passphrase: nil)
            let expired = try #require(try await refusal(h, credentials(h, .certificate(app))))
            #expect(expired.message.contains("(AADSTS700024: the client assertion is not within its valid time range)"))
            #expect(expired.advice.contains("check this machine's clock"))
        }
    }

    @Test("a federated token file is read for every token request: a rotated file is picked up, a wrong subject is refused with AADSTS700213")
    func federatedTokenFile() async throws {
        let folder = try CredentialFixtures.temporaryFolder()
        try await IntegrationHarness.run { h in
            let file = folder.appendingPathComponent("token")
            try h.emulator.mintFederatedToken().write(to: file, atomically: true, encoding: .utf8)
            let provider = RefreshingTokenProvider(
                credentials: ClientCredentials(
                    tenantID: h.emulator.tenantID, clientID: h.emulator.clientID, proof: .federatedToken(.file(file.path)),
                    authorityHost: h.emulator.authority),
                transport: h.transport, retryPolicy: .none)
            let first = try await provider.token(logger: h.capture.logger)
            try h.emulator.mintFederatedToken(subject: "repo:contoso/drivers:ref:refs/heads/feature").write(to: file, atomically: true, encoding: .utf8)
            #expect(await provider.invalidate(first))
            await #expect {
                _ = try await provider.token(logger: h.capture.logger)
            } throws: { error in
                let message = (error as? DevCenterError)?.message ?? ""
                return message.contains("(AADSTS700213: no federated identity credential matches the token's subject)")
                    && message.contains("refs/heads/feature")
            }
            // The token's audience must be the one the credential names.
            try h.emulator.mintFederatedToken(audience: "api://somewhere-else").write(to: file, atomically: true, encoding: .utf8)
            let audience = try #require(try await refusal(h, credentials(h, .federatedToken(.file(file.path)))))
            #expect(audience.message.contains("AADSTS700212"))
        }
    }

    @Test("GitHub Actions' token request and a token command sign in with no stored secret")
    func githubAndCommand() async throws {
        let folder = try CredentialFixtures.temporaryFolder()
        try await IntegrationHarness.run { h in
            let github = FederatedTokenSource.githubActions(
                requestURL: h.emulator.githubTokenRequestURL, requestToken: Secret(EmulatorDefaults.identityRequestToken),
                audience: FederatedTokenSource.defaultAudience)
            #expect(try await refusal(h, credentials(h, .federatedToken(github))) == nil)
            let wrongBearer = FederatedTokenSource.githubActions(
                requestURL: h.emulator.githubTokenRequestURL, requestToken: Secret("not-the-request-token"), audience: FederatedTokenSource.defaultAudience)
            let refused = try #require(try await refusal(h, credentials(h, .federatedToken(wrongBearer))))
            #expect(refused.message.contains("was not sent: GitHub Actions refused the OIDC token request (HTTP 401"))
            #expect(refused.advice.contains("id-token: write"))
            let file = folder.appendingPathComponent("token")
            try h.emulator.mintFederatedToken().write(to: file, atomically: true, encoding: .utf8)
            #expect(try await refusal(h, credentials(h, .federatedToken(.command("cat '\(file.path)'")))) == nil)
            let failing = try #require(try await refusal(h, credentials(h, .federatedToken(.command("echo oops >&2; exit 3")))))
            #expect(failing.message.hasSuffix("was not sent: The federated token command `echo oops >&2; exit 3` exited with status 3"))
        }
    }

    @Test("a managed identity signs in through the metadata endpoint and App Service's; an unknown user-assigned one is refused")
    func managedIdentity() async throws {
        try await IntegrationHarness.run { h in
            let imds = ManagedIdentityCredentials(endpoint: .imds(host: h.emulator.authority))
            #expect(try await refusal(h, .managedIdentity(imds)) == nil)
            let appService = ManagedIdentityCredentials(
                endpoint: .appService(url: h.emulator.identityEndpoint, header: Secret(EmulatorDefaults.identityRequestToken)))
            #expect(try await refusal(h, .managedIdentity(appService)) == nil)
            let unknown = ManagedIdentityCredentials(endpoint: .imds(host: h.emulator.authority), clientID: "no-such-identity")
            let refused = try #require(try await refusal(h, .managedIdentity(unknown)))
            #expect(refused.message.contains("refused a token for the user-assigned identity no-such-identity: Identity not found"))
            try h.emulator.registerIdentities(IdentitySetup(managedIdentities: [ManagedIdentitySetup(clientId: "no-such-identity")]))
            #expect(try await refusal(h, .managedIdentity(unknown)) == nil)
            #expect(h.requests("GET /metadata/identity/oauth2/token").map(\.status) == [200, 400, 200])
        }
    }

    @Test("a pool spreads requests over its app registrations; one over its own limit rests while the other goes on, with no wait")
    func poolAgainstPerClientLimits() async throws {
        try await IntegrationHarness.run { h in
            try h.emulator.registerIdentities(IdentitySetup(apps: [
                AppRegistrationSetup(clientId: "pool-a", secrets: ["secret-of-pool-a"], requestsPerMinute: 2),
                AppRegistrationSetup(clientId: "pool-b", secrets: ["secret-of-pool-b"], requestsPerMinute: 100),
            ]))
            let names: [String] = ["pool-a", "pool-b"]
            let pool = Credentials.pool(names.map { credentials(h, .secret(Secret("secret-of-" + $0)), client: $0) })
            let client = try h.client(credentials: pool)
            let started = h.clock.now
            for _ in 0..<8 { _ = try await client.products().collect() }
            #expect(h.clock.now == started, "no request waited for a Retry-After")
            let statuses = h.requests("GET /products").map(\.status)
            #expect(statuses.filter { $0 == 429 }.count >= 1, "pool-a went over its limit: \(statuses)")
            #expect(statuses.filter { $0 == 200 }.count == 8)
        }
    }
}
