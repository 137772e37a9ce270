import Foundation
import Logging

/// Where a federated token comes from: a token of an identity provider that an app
/// registration trusts (a federated identity credential), sent as its client assertion.
public enum FederatedTokenSource: Sendable, CustomStringConvertible {
    /// A file another system keeps fresh (`AZURE_FEDERATED_TOKEN_FILE`: Kubernetes workload
    /// identity, Azure Pipelines). It is read again for every token request, so a rotated file
    /// is picked up.
    case file(String)
    /// A shell command whose standard output is the token, for any other CI system.
    case command(String)
    /// GitHub Actions' OIDC token, asked of `ACTIONS_ID_TOKEN_REQUEST_URL` with
    /// `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, for `audience`.
    case githubActions(requestURL: String, requestToken: Secret, audience: String)

    /// The audience Entra ID expects in federated tokens.
    public static let defaultAudience = "api://AzureADTokenExchange"

    /// How messages name the source.
    public var kindName: String {
        switch self {
        case .file: return "file"
        case .command: return "command"
        case .githubActions: return "GitHub Actions"
        }
    }

    var secrets: [Secret] {
        if case .githubActions(_, let token, _) = self { return [token] }
        return []
    }

    public var description: String {
        switch self {
        case .file(let path): return "the file \(path)"
        case .command(let command): return "the command `\(command)`"
        case .githubActions(_, _, let audience): return "GitHub Actions (audience \(audience))"
        }
    }

    /// The token, fresh from its source.
    func read(transport: any HTTPTransport, timeout: Duration, userAgent: String, logger: Logger) async throws -> Secret {
        switch self {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DevCenterError.configuration(
                    "The federated token file \(path) does not exist or cannot be read",
                    advice: "Check AZURE_FEDERATED_TOKEN_FILE (or HDC_FEDERATED_TOKEN_FILE, or the profile's federated_token_file): the system that provides the token (Kubernetes workload identity, the pipeline's service connection) writes it there.")
            }
            return try Self.token(String(decoding: data, as: UTF8.self), from: "the file \(path)")
        case .command(let command):
            return try await Self.token(Self.run(command, timeout: timeout), from: "the command `\(command)`")
        case .githubActions(let requestURL, let requestToken, let audience):
            return try await Self.github(requestURL, requestToken, audience, transport: transport, timeout: timeout, userAgent: userAgent, logger: logger)
        }
    }

    /// `text` trimmed, checked to look like a JWT (never shown: it is the token).
    private static func token(_ text: String, from source: String) throws -> Secret {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            throw DevCenterError.configuration("The federated token from \(source) is empty", advice: "Check that the system providing the token has written it.")
        }
        guard value.split(separator: ".", omittingEmptySubsequences: false).count == 3, !value.contains(where: \.isWhitespace) else {
            throw DevCenterError.configuration(
                "What \(source) gives is not a token (a JWT: three dot-separated parts)",
                advice: "It must give the identity provider's token alone, with nothing else around it.")
        }
        return Secret(value)
    }

    private static func github(
        _ requestURL: String, _ requestToken: Secret, _ audience: String, transport: any HTTPTransport, timeout: Duration,
        userAgent: String, logger: Logger
    ) async throws -> Secret {
        let url = requestURL + (requestURL.contains("?") ? "&" : "?") + "audience=" + Redactor.percentEncoded(audience)
        let request = TransportRequest(
            method: "GET", url: url,
            headers: ["Authorization": "Bearer \(requestToken.exposedValue)", "Accept": "application/json", "User-Agent": userAgent],
            body: nil, timeout: timeout)
        let host = AsyncHTTPClientTransport.host(of: requestURL) ?? requestURL
        logger.debug("requesting a federated token from GitHub Actions", metadata: ["host": "\(host)", "audience": "\(audience)"])
        let response: TransportResponse
        do {
            response = try await transport.send(request, logger: logger)
        } catch var error as DevCenterError {
            error.message = "Requesting the GitHub Actions OIDC token from \(host) failed: \(error.message)"
            throw error
        }
        guard response.isSuccess else {
            throw DevCenterError.authentication(
                "GitHub Actions refused the OIDC token request (HTTP \(response.status) from \(host))",
                advice: "The job needs `permissions: id-token: write`; ACTIONS_ID_TOKEN_REQUEST_TOKEN is good only while the job runs.",
                status: response.status, operation: "GET \(host) (GitHub Actions OIDC token)")
        }
        guard let json = try? JSONValue(parsing: response.body), let value = json["value"]?.stringValue else {
            throw DevCenterError.invalidResponse(
                operation: "GET \(host) (GitHub Actions OIDC token)", detail: "no \"value\" in the answer", status: response.status)
        }
        return try token(value, from: "GitHub Actions")
    }

    /// Runs `command` with `/bin/sh -c` and returns its standard output. The command runs and
    /// is read on a thread of its own (never one of Swift's cooperative pool), and is stopped
    /// when it takes longer than `timeout`.
    private static func run(_ command: String, timeout: Duration) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DevCenterError.configuration(
                "The federated token command `\(command)` could not be started", advice: "Check that /bin/sh exists and the command is right.")
        }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout.seconds, execute: watchdog)
        let data: Data = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }
        }
        watchdog.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)" : "was stopped after \(timeout.humanReadable)"
            throw DevCenterError.configuration(
                "The federated token command `\(command)` \(how)",
                advice: "Run it by hand to see why (its error output is not shown, since it may hold a token).")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
