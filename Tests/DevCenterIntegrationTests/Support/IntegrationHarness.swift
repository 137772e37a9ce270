import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Logging
import Testing

/// One emulator on a loopback port, the clients under test, and everything they logged.
///
/// The clients' clock is virtual and linked to the emulator's: when a client waits (back-off,
/// rate limit, polling), the emulator's clock moves by as much, so token expiry, pipeline steps
/// and rate-limit windows pass without the test sleeping.
struct IntegrationHarness: Sendable {
    let emulator: EmulatorServer
    let clock: VirtualClock
    let capture: LogCapture
    let transport: SecretRecordingTransport

    /// Starts an emulator, runs `body`, then checks that nothing secret was logged and stops it.
    static func run(
        _ configuration: EmulatorConfiguration = EmulatorConfiguration(stepDelay: .seconds(60)),
        _ body: (IntegrationHarness) async throws -> Void
    ) async throws {
        let emulator = try await EmulatorServer.start(configuration)
        let harness = IntegrationHarness(
            emulator: emulator,
            clock: VirtualClock(onAdvance: { [emulator] in emulator.advanceClock(bySeconds: $0.seconds) }),
            capture: LogCapture(label: "integration"), transport: SecretRecordingTransport())
        do {
            try await body(harness)
        } catch {
            await emulator.stop()
            throw error
        }
        harness.expectNoSecretsLogged()
        await emulator.stop()
    }

    var credentials: ClientCredentials {
        ClientCredentials(
            tenantID: emulator.tenantID, clientID: emulator.clientID, clientSecret: Secret(emulator.clientSecret),
            authorityHost: emulator.authority)
    }

    /// A client of this emulator, on the virtual clock.
    func client(
        retryPolicy: RetryPolicy = RetryPolicy(maximumAttempts: 4, initialDelay: .seconds(1), jitter: .none),
        requestTimeout: Duration = .seconds(30), requestsPerMinute: Int? = nil, credentials: Credentials? = nil,
        baseURL: String? = nil
    ) throws -> DevCenterClient {
        DevCenterClient(
            configuration: DevCenterConfiguration(
                baseURL: try ServiceBaseURL(baseURL ?? emulator.baseURL), retryPolicy: retryPolicy,
                requestTimeout: requestTimeout, requestsPerMinute: requestsPerMinute),
            credentials: credentials ?? .client(self.credentials), transport: transport,
            clock: clock.devCenterClock, logger: capture.logger)
    }

    /// The requests the emulator answered for `route` (`POST /products`, …).
    func requests(_ route: String) -> [RequestLogEntry] {
        emulator.requestLog().filter { $0.route.lowercased() == route.lowercased() }
    }

    /// A product the emulator accepts, named `name`.
    static func newProduct(_ name: String) -> NewProduct {
        NewProduct(
            productName: name, requestedSignatures: ["WINDOWS_v100_X64_RS5_FULL", "WINDOWS_v100_ARM64_RS5_FULL"],
            selectedProductTypes: ["windows_v100_RS5": "Unclassified"], announcementDate: "2026-12-01T00:00:00Z",
            firmwareVersion: "1.0")
    }

    /// Puts `bytes` at a SAS URL as one block blob, as the transfer engine's smallest case does.
    func upload(_ bytes: [UInt8], to url: String) async throws {
        let response = try await transport.send(
            TransportRequest(
                method: "PUT", url: url, headers: ["x-ms-blob-type": "BlockBlob", "x-ms-version": "2020-08-04"], body: bytes),
            logger: capture.logger)
        guard response.status == 201 else {
            throw DevCenterError.blobResponse(status: response.status, body: response.body, operation: "PUT blob", url: url, now: Date())
        }
    }

    /// A product with a committed submission of the sample package.
    func committedSubmission(_ client: DevCenterClient, name: String, package: [UInt8]? = nil) async throws -> (product: Product, submission: Submission) {
        let product = try await client.createProduct(Self.newProduct(name))
        let submission = try await client.createSubmission(productID: product.id, NewSubmission(name: "\(name) 1.0"))
        try await upload(try package ?? SampleDriverPackage.zip(), to: try #require(submission.uploadURL))
        try await client.commitSubmission(productID: product.id, submissionID: submission.id)
        return (product, submission)
    }

    /// A product whose initial submission is signed, and a hardware ID of its driver metadata
    /// (what a shipping label targets).
    func signedSubmission(_ client: DevCenterClient, name: String) async throws -> (Submission, HardwareIDTarget) {
        let (product, submission) = try await committedSubmission(client, name: name)
        let signed = try await client.waitForSubmission(
            productID: product.id, submissionID: submission.id,
            options: WaitOptions(pollInterval: .seconds(60), deadline: .seconds(4 * 3600)))
        let answer = try await transport.send(
            TransportRequest(method: "GET", url: try #require(signed.downloadURL(.driverMetadata))), logger: capture.logger)
        let metadata = try JSONDecoder().decode(DriverMetadata.self, from: Data(answer.body))
        return (signed, try #require(metadata.hardwareIDTargets.first))
    }

    /// A shipping label to Windows Update for `target`.
    static func newLabel(_ name: String, _ target: HardwareIDTarget) -> NewShippingLabel {
        NewShippingLabel(
            name: name,
            publishingSpecifications: PublishingSpecifications(
                goLiveDate: "2026-12-01T00:00:00Z", isAutoInstallDuringOSUpgrade: false, isAutoInstallOnApplicableSystems: false),
            targeting: Targeting(hardwareIds: [target]))
    }

    /// Checks every secret that crossed the wire against everything logged.
    func expectNoSecretsLogged(sourceLocation: SourceLocation = #_sourceLocation) {
        let text = capture.text
        var secrets = transport.secrets
        secrets.insert(emulator.clientSecret)
        for secret in secrets where text.contains(secret) {
            Issue.record("a secret (\(secret.count) characters) reached the log", sourceLocation: sourceLocation)
        }
    }
}
