import Foundation
import Testing

/// Runs the built `hwsubmit` for the tests: with a time limit after which it is killed and the
/// test fails showing what it wrote so far (a hang fails one test, not the suite), optionally a
/// SIGINT once its output shows a marker, and never left running whatever happens.
struct ScriptProcess {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        let signalled: Bool
        /// Seconds from the SIGINT (when one was sent) to the process's end.
        let afterInterrupt: Double?
        /// Whether `killWhen` held and the process was killed.
        var killed = false
    }

    /// The repository's `Tests/lua` folder.
    static let luaTests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lua")

    /// The environment the Lua test scripts need: `require "check"` finds their support module.
    static var luaEnvironment: [String: String] { ["LUA_PATH": luaTests.appendingPathComponent("support").path + "/?.lua;;"] }

    /// Seconds any one run may take before it is killed (`HWSUBMIT_TEST_TIMEOUT` changes it):
    /// far more than the slowest run needs, so that only a hang reaches it.
    static let defaultTimeout = Double(ProcessInfo.processInfo.environment["HWSUBMIT_TEST_TIMEOUT"] ?? "") ?? 180

    /// Runs `hwsubmit arguments` (or `executable`, in `directory` when given), feeding `stdin`.
    /// With `interruptWhen`, sends SIGINT as soon as stdout contains that text; with `killWhen`,
    /// SIGKILL (a crash, a pulled plug) as soon as it holds for stdout and stderr so far.
    /// `watch` sees stdout and stderr so far while it runs (to act on the service at a chosen
    /// moment). After `timeout` seconds the process is killed and an issue recorded with its
    /// output so far.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], removing: [String] = [],
        interruptWhen marker: String? = nil, killWhen: ((_ stdout: String, _ stderr: String) -> Bool)? = nil,
        watch: ((_ stdout: String, _ stderr: String) -> Void)? = nil, executable: URL? = nil, directory: URL? = nil,
        timeout: Double = defaultTimeout, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Outcome {
        let scratch = try TemporaryDirectory()
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable ?? HWSubmitProcess.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // GITHUB_STEP_SUMMARY too: a test run inside GitHub Actions must not write to its summary.
        for name in ["LUA_INIT", "LUA_INIT_5_4", "LUA_PATH", "LUA_PATH_5_4", "LUA_CPATH", "LUA_CPATH_5_4", "GITHUB_STEP_SUMMARY"]
            + StandaloneEmulator.platformCredentialVariables + removing {
            env.removeValue(forKey: name)
        }
        env.merge(environment) { _, new in new }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let inURL = try scratch.write("stdin", stdin)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? out.close()
            try? err.close()
        }
        func written(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        let deadline = DispatchTime.now() + timeout
        // Watching the output needs a look at it now and then; otherwise the end is waited for.
        let watching = watch != nil || killWhen != nil || marker != nil
        var interruptedAt: Date?
        var killed = false
        while exited.wait(timeout: watching ? min(.now() + 0.01, deadline) : deadline) == .timedOut {
            if DispatchTime.now() >= deadline {
                kill(process.processIdentifier, SIGKILL)
                Issue.record(
                    """
                    hwsubmit \(arguments.joined(separator: " ")) ran over \(timeout) s and was killed; its output so far:
                    stdout:
                    \(written(outURL).suffix(3000))
                    stderr:
                    \(written(errURL).suffix(3000))
                    """, sourceLocation: sourceLocation)
                break
            }
            if let watch { watch(written(outURL), written(errURL)) }
            if let killWhen, !killed, killWhen(written(outURL), written(errURL)) {
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
            if let marker, interruptedAt == nil, written(outURL).contains(marker) {
                kill(process.processIdentifier, SIGINT)
                interruptedAt = Date()
            }
        }
        process.waitUntilExit()
        let ended = Date()
        return Outcome(
            status: process.terminationStatus, stdout: written(outURL), stderr: written(errURL),
            signalled: process.terminationReason == .uncaughtSignal,
            afterInterrupt: interruptedAt.map { ended.timeIntervalSince($0) }, killed: killed)
    }

    /// Whether something accepts connections on the loopback port of `url`.
    static func isListening(_ url: String) -> Bool {
        guard let port = URL(string: url)?.port else { return false }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// Waits up to `seconds` for nothing to listen at `url` any more.
    static func stopsListening(_ url: String, within seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !isListening(url) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}
