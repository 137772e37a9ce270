import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A `hwsubmit-emulator` process that outlives the scripts run against it (so a script can be
/// killed and run again against the same service), with its admin API for faults, state and
/// the request log. Stopped when the value goes away.
final class StandaloneEmulator {
    let process = Process()
    private let stdinPipe = Pipe()
    let baseURL: String
    let adminURL: String
    /// The environment that points `hwsubmit` at it (its demo credentials).
    let environment: [String: String]

    private let exited = DispatchSemaphore(value: 0)

    /// Seconds the emulator may take to start, and to stop once its standard input closes.
    static let startAndStopTimeout = 60.0

    init(options: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let stdout = Pipe()
        process.executableURL = HWSubmitProcess.buildDirectory.appendingPathComponent("hwsubmit-emulator")
        process.arguments = ["--port", "0", "--ready-json", "--exit-on-stdin-eof"] + options
        process.standardInput = stdinPipe
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        let exited = exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // An emulator that never says it is ready is killed, which ends the read below.
        let ready = DispatchSemaphore(value: 0)
        let process = process
        // A thread of its own: a wait that blocks a worker of Dispatch's pool can starve the pool
        // that delivers termination handlers.
        Thread.detachNewThread {
            if ready.wait(timeout: .now() + Self.startAndStopTimeout) == .timedOut, process.isRunning {
                kill(process.processIdentifier, SIGKILL)
            }
        }
        var line = Data()
        while true {
            let byte = stdout.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        ready.signal()
        let json = try #require(
            try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            "hwsubmit-emulator \(options.joined(separator: " ")) printed no ready line within \(Self.startAndStopTimeout) s (it printed \"\(String(decoding: line, as: UTF8.self))\")",
            sourceLocation: sourceLocation)
        baseURL = json["baseURL"] as? String ?? ""
        adminURL = json["adminURL"] as? String ?? ""
        environment = [
            "HDC_BASE_URL": baseURL, "HDC_AUTHORITY_HOST": json["authority"] as? String ?? "",
            "HDC_TENANT_ID": json["tenantId"] as? String ?? "", "HDC_CLIENT_ID": json["clientId"] as? String ?? "",
            "HDC_CLIENT_SECRET": json["clientSecret"] as? String ?? "",
        ]
    }

    /// Closes the emulator's standard input, which stops it; one that does not stop is killed
    /// and the test fails.
    deinit {
        try? stdinPipe.fileHandleForWriting.close()
        if exited.wait(timeout: .now() + Self.startAndStopTimeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("hwsubmit-emulator did not stop within \(Self.startAndStopTimeout) s of its standard input closing, and was killed")
        }
        process.waitUntilExit()
    }

    /// The environment variables `environment` replaces, to remove from the test's own.
    static let settingVariables = ["HDC_ACCESS_TOKEN", "HDC_PROFILE", "XDG_CONFIG_HOME"]

    /// What a CI system or a cloud machine may set, which the `auto` chain of credentials reads:
    /// removed from every run's environment, so that no test signs in with the machine's identity.
    static let platformCredentialVariables = [
        "ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "IDENTITY_ENDPOINT", "IDENTITY_HEADER",
        "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_AUTHORITY_HOST", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_CLIENT_CERTIFICATE_PATH",
        "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_POD_IDENTITY_AUTHORITY_HOST", "HDC_CREDENTIAL", "HDC_CERTIFICATE_PATH",
        "HDC_FEDERATED_TOKEN_FILE", "HDC_FEDERATED_TOKEN_COMMAND", "HDC_MANAGED_IDENTITY_CLIENT_ID", "HDC_IMDS_ENDPOINT",
    ]

    /// Sends a request to the admin API and returns its decoded answer.
    @discardableResult
    func admin(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        var request = URLRequest(url: URL(string: adminURL + path)!)
        request.httpMethod = method
        request.timeoutInterval = 60
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer: Data?
        nonisolated(unsafe) var failure: (any Error)?
        URLSession.shared.dataTask(with: request) { data, _, error in
            answer = data
            failure = error
            done.signal()
        }.resume()
        done.wait()
        if let failure { throw failure }
        guard let answer, !answer.isEmpty else { return nil }
        return try JSONSerialization.jsonObject(with: answer)
    }

    /// The request log.
    func requests() throws -> [[String: Any]] {
        (try admin("GET", "/requests") as? [String: Any])?["requests"] as? [[String: Any]] ?? []
    }

    /// How many requests of `route` the log holds (with `status`, when given).
    func count(_ route: String, status: Int? = nil) throws -> Int {
        try requests().filter { ($0["route"] as? String) == route && (status == nil || ($0["status"] as? Int) == status) }.count
    }

    /// How many requests the fault rules changed, all rules together.
    func faultsApplied() throws -> Int {
        let faults = (try admin("GET", "/faults") as? [String: Any])?["faults"] as? [[String: Any]] ?? []
        return faults.reduce(0) { $0 + (($1["applied"] as? Int) ?? 0) }
    }

    /// Products, submissions and shipping labels the emulator holds.
    func held() throws -> (products: Int, submissions: Int, labels: Int, preprodPackages: Int) {
        let state = try admin("GET", "/state") as? [String: Any] ?? [:]
        return ((state["products"] as? [Any])?.count ?? -1, (state["submissions"] as? [Any])?.count ?? -1,
                (state["shippingLabels"] as? [Any])?.count ?? -1, (state["preprodPackages"] as? [Any])?.count ?? -1)
    }

    /// How many requests of `route` took effect: answered with a success, or faulted only after
    /// they were handled (`"after": true`).
    func landed(_ route: String) throws -> Int {
        try requests().filter { entry in
            guard (entry["route"] as? String) == route else { return false }
            let status = entry["status"] as? Int ?? 0
            return (200..<300).contains(status) || (entry["fault"] as? String)?.hasSuffix("after handling") == true
        }.count
    }
}
