import DevCenter
import Foundation
import HDCLua

/// `hwsubmit check`: what a person runs first. Shows the settings scripts would use and where
/// each came from (never a secret), gets a token, lists the first page of products, and says
/// plainly what is wrong when a step fails: what, to what, what to do. The exit status is the
/// one a script failing the same way would have.
enum CheckCommand {
    static let usage = """
        usage: hwsubmit check [--emulator] [--emulator-option=OPT] [--profile NAME] [--base-url URL]
                              [--log-level LEVEL] [--log-format text|json] [--quiet]

        Checks the connection scripts would use: settings, a token, the first page of products.

        """

    static func run(_ arguments: [String]) -> ExitStatus {
        let help = InterpreterOption(short: "-h", long: "--help", summary: "show this help") { invocation, _ in invocation.showHelp = true }
        let invocation: Invocation
        do {
            invocation = try Invocation.parse(["hwsubmit check"] + arguments, options: InterpreterOption.hdcOptions + [help])
        } catch {
            Diagnostics.error("check: \(error.message)")
            Diagnostics.write(usage)
            return .usage
        }
        if invocation.showHelp {
            Diagnostics.output(usage)
            return .success
        }
        if let index = invocation.scriptIndex {
            Diagnostics.error("check: unexpected argument '\(invocation.arguments[index])'")
            Diagnostics.write(usage)
            return .usage
        }
        let session: HDCSession
        do {
            session = try HDCSession.start(invocation.hdc)
        } catch {
            Diagnostics.error(error.message)
            return error.status
        }
        defer { session.end() }
        return check(session.configuration)
    }

    private static func line(_ label: String, _ text: String) {
        Diagnostics.output(label.rightPadded(to: 18) + text + "\n")
    }

    private static func failed(_ step: String, _ error: any Error) -> ExitStatus {
        let failure = HDCError(describing: error)
        line(step, "FAILED")
        Diagnostics.output("\n" + failure.description + "\n")
        return ExitStatus(category: failure.kind.category)
    }

    private static func check(_ configuration: HDCConfiguration) -> ExitStatus {
        let isEmulator = configuration.emulator != nil
        let settings: ConnectionSettings
        do {
            settings = try ConnectionSettings.resolve(
                options: configuration.connection, environment: SecretEnvironment.variables, profiles: configuration.profiles)
        } catch {
            return failed("Settings", error)
        }
        Diagnostics.output("Settings" + (isEmulator ? " (the emulator --emulator started)" : "") + "\n")
        let summary = ConnectionSummary(settings, explicitSource: isEmulator ? "--emulator" : "the command line")
        let credentialSource: String? = switch settings.credentials {
        case .accessToken: "access_token"
        case .managedIdentity: "managed_identity"
        case .pool: "pool"
        case .client(let c):
            switch c.proof {
            case .secret: "client_secret"
            case .certificate: "certificate"
            case .federatedToken: "federated_token"
            }
        case .provider: nil
        }
        let rows: [(String, String, String?)] = [
            ("profile", "profile", nil), ("tenant", "tenant_id", "tenant_id"), ("client ID", "client_id", "client_id"),
            ("credentials", "credentials", credentialSource), ("certificate", "certificate_thumbprint", nil),
            ("  file", "certificate_path", nil), ("token from", "federated_token_source", nil),
            ("identity", "managed_identity", nil), ("endpoint", "managed_identity_endpoint", nil),
            ("authority", "authority", "authority"), ("base URL", "base_url", "base_url"),
        ]
        for (label, field, source) in rows {
            guard let value = summary.value(field) else { continue }
            line("  " + label, value + (source.flatMap(summary.source).map { "  (\($0))" } ?? ""))
        }
        if case .client(let credentials) = settings.credentials {
            line("  token URL", credentials.tokenURL + " (\(credentials.tokenEndpoint.rawValue))")
        }
        // Each setting comes from its strongest source, so a secret and a client ID can come
        // from different places; a secret of one app registration with the ID of another is refused.
        if let mixed = ConnectionSettings.mixedSources(settings.origins) {
            line("  note", "the \(mixed.proof) (\(mixed.proofOrigin)) and the client ID (\(mixed.clientOrigin)) come from different sources")
        }
        if case .pool(let members) = settings.credentials, let failure = checkPool(members, configuration) {
            return failure
        }
        let client = DevCenterClient(settings: settings, logger: configuration.logger)
        let logger = configuration.logger
        switch BlockingWait.run({ try await client.tokenProvider.token(logger: logger) }) {
        case .failure(let error): return failed("Token", error)
        case .success(let token):
            let minutes = token.expiresAt.map { Int(($0 - client.clock.now).seconds / 60) }
            line("Token", "ok" + (minutes.map { ", good for \($0) more minutes" } ?? ""))
        }
        switch BlockingWait.run({ () async throws -> [Product] in
            var pages = client.products().pages.makeAsyncIterator()
            return try await pages.next() ?? []
        }) {
        case .failure(let error): return failed("Products", error)
        case .success(let products):
            let shown = products.prefix(3).map { "\($0.id) \"\($0.productName ?? "")\"" }
            let more = products.count > 3 ? ", …" : ""
            line("Products", "ok, \(products.count) on the first page" + (shown.isEmpty ? "" : ": " + shown.joined(separator: ", ") + more))
        }
        Diagnostics.output("\nEverything works: scripts run with these settings.\n")
        return .success
    }

    /// Signs in with every credential of a pool, one line each; the failure of the first that
    /// cannot, after trying them all.
    private static func checkPool(_ members: [Credentials], _ configuration: HDCConfiguration) -> ExitStatus? {
        let logger = configuration.logger
        var firstFailure: (Int, any Error)?
        for (index, member) in members.enumerated() {
            let provider = member.makeProvider(transport: AsyncHTTPClientTransport.shared)
            let label = "  member \(index + 1)"
            switch BlockingWait.run({ try await provider.token(logger: logger) }) {
            case .success: line(label, member.label + ": signs in")
            case .failure(let error):
                line(label, member.label + ": FAILED")
                if firstFailure == nil { firstFailure = (index, error) }
            }
        }
        guard let firstFailure else { return nil }
        let (index, error) = firstFailure
        let failure = HDCError(describing: error)
        Diagnostics.output("\nPool member \(index + 1): " + failure.description + "\n")
        return ExitStatus(category: failure.kind.category)
    }
}
