import ArgumentParser
import DevCenter
import DevCenterEmulator
import Dispatch
import Foundation

/// `hwsubmit-emulator`: serves the Hardware Dev Center emulator until interrupted.
/// `hwsubmit emulator ARGS` runs this executable with the same arguments.
@main
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hwsubmit-emulator",
        abstract: "Serve a local imitation of the Hardware Dev Center API, its token endpoint and its blob storage.",
        discussion: """
            Prints the base URL, the token URL and the demo credentials, then serves until SIGINT or SIGTERM.
            The admin API (faults, rate limit, clock, request log) is under /_emulator/; see docs/emulator.md.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = EmulatorDefaults.port

    @Option(name: .customLong("step-delay"), help: "How long each pipeline step takes (200ms, 2s, 1m).")
    var stepDelay = "200ms"

    @Option(name: .customLong("approval-delay"), help: "How long a Windows Update label stays in Microsoft approval (default: one step delay).")
    var approvalDelay: String?

    @Option(name: .customLong("token-lifetime"), help: "How long an access token lives (3600s, 60m).")
    var tokenLifetime = "3600s"

    @Option(name: .customLong("metadata-delay"), help: "How long after createpublishermetadata a submission shared by a partner gets its driver metadata (3h, 90m, 0).")
    var metadataDelay = "3h"

    @Option(name: .customLong("page-size"), help: "Items per page of list answers.")
    var pageSize = EmulatorDefaults.pageSize

    @Option(name: .customLong("next-link-form"), help: "How list answers name their next page: \(NextLinkForm.names).")
    var nextLinkForm = NextLinkForm.absolute.rawValue

    @Option(help: "A JSON scenario file of faults, a rate limit and failing submissions to set up at start.")
    var scenario: String?

    @Flag(name: .customLong("ready-json"), help: "Print one line of JSON with the URLs and credentials on stdout once listening; the banner goes to stderr.")
    var readyJSON = false

    @Flag(name: .customLong("exit-on-stdin-eof"), help: "Stop when standard input reaches end of file (for a parent process that holds a pipe).")
    var exitOnStdinEOF = false

    func validate() throws {
        for (name, value) in [
            ("--step-delay", stepDelay), ("--token-lifetime", tokenLifetime), ("--metadata-delay", metadataDelay),
            ("--approval-delay", approvalDelay ?? "0s"),
        ] where DurationText.parse(value) == nil {
            throw ValidationError(DurationText.problem(name, value) + ".")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port number (0-65535).") }
        guard pageSize >= 1 else { throw ValidationError("--page-size must be at least 1.") }
        guard NextLinkForm(rawValue: nextLinkForm) != nil else {
            throw ValidationError("--next-link-form \(nextLinkForm) is not a form of next link; use one of \(NextLinkForm.names).")
        }
        if let tokenLifetime = DurationText.parse(tokenLifetime), tokenLifetime < .seconds(2) {
            throw ValidationError("--token-lifetime must be at least 2s.")
        }
    }

    func run() async throws {
        var configuration = EmulatorConfiguration(
            host: host, port: port, stepDelay: DurationText.parse(stepDelay)!,
            approvalDelay: approvalDelay.flatMap(DurationText.parse), tokenLifetime: DurationText.parse(tokenLifetime)!,
            pageSize: pageSize, nextLinkForm: NextLinkForm(rawValue: nextLinkForm)!)
        configuration.metadataDelay = DurationText.parse(metadataDelay)!
        if !readyJSON {
            // One line per request on stderr, for people watching a demo; secrets are never in it.
            configuration.onRequest = { entry in
                let milliseconds = Int((entry.end.timeIntervalSince(entry.start) * 1000).rounded())
                let fault = entry.fault.map { "  [\($0)]" } ?? ""
                FileHandle.standardError.write(Data("\(entry.status) \(entry.method) \(entry.path) (\(entry.route), \(milliseconds) ms)\(fault)\n".utf8))
            }
        }
        if let scenario {
            do {
                configuration.scenario = try EmulatorScenario.load(from: URL(fileURLWithPath: scenario))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        // Signals are caught before the banner appears, so a parent that stops the emulator as
        // soon as it reads the banner never finds it dying of an uncaught SIGTERM.
        let stopper = StopSignal()
        stopper.onSignals([SIGINT, SIGTERM])
        if exitOnStdinEOF { stopper.onStandardInputEOF() }
        let emulator: EmulatorServer
        do {
            emulator = try await EmulatorServer.start(configuration)
        } catch {
            FileHandle.standardError.write(Data("hwsubmit-emulator: \(error)\n".utf8))
            throw ExitCode(69)
        }
        let banner = """
            Hardware Dev Center emulator listening
              API base URL   \(emulator.baseURL)
              token URL      \(emulator.tokenURL())  (v2: \(emulator.tokenURL(v2: true)))
              tenant ID      \(emulator.tenantID)
              client ID      \(emulator.clientID)
              client secret  \(emulator.clientSecret)   (demo credentials of this emulator only)
              admin API      \(emulator.adminURL)
              OIDC issuer    \(emulator.oidcIssuer)   (GitHub-style tokens: ACTIONS_ID_TOKEN_REQUEST_URL=\(emulator.githubTokenRequestURL))
              identity       IMDS at \(emulator.authority), App Service at \(emulator.identityEndpoint) (IDENTITY_HEADER / request token \(EmulatorDefaults.identityRequestToken))
              step delay \(stepDelay), token lifetime \(tokenLifetime), page size \(pageSize)\(nextLinkForm == NextLinkForm.absolute.rawValue ? "" : ", next links \(nextLinkForm)")\(scenario.map { ", scenario \($0)" } ?? "")
            Stop with Ctrl-C.

            """
        if readyJSON {
            FileHandle.standardError.write(Data(banner.utf8))
            FileHandle.standardOutput.write(Data((emulator.readyJSON + "\n").utf8))
        } else {
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        await stopper.wait()
        await emulator.stop()
    }
}
