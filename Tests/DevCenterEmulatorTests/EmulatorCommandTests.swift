import AsyncHTTPClient
import DevCenter
import DevCenterEmulator
import Foundation
import NIOCore
import Testing

/// The built `hwsubmit-emulator` executable, run as a child process.
@Suite("The hwsubmit-emulator command")
struct EmulatorCommandTests {
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hwsubmit-emulator")
    }

    /// A run of the command. Each is killed after ``timeout`` seconds whatever the test is
    /// waiting for (a line that never comes, an exit that never happens), which fails the test
    /// instead of hanging the suite.
    final class Child {
        let process: Process
        /// Everything read from stdout so far.
        private(set) var output = Data()
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        private let exited = DispatchSemaphore(value: 0)
        static let timeout = 120.0

        init(_ arguments: [String]) throws {
            guard FileManager.default.isExecutableFile(atPath: EmulatorCommandTests.binary.path) else {
                throw HarnessError("\(EmulatorCommandTests.binary.path) is missing; build the package first (swift build)")
            }
            process = Process()
            process.executableURL = EmulatorCommandTests.binary
            process.arguments = arguments
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = stderr
            let exited = exited
            let ended = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in
                exited.signal()
                ended.signal()
            }
            try process.run()
            let process = process
            // A thread of its own, not a worker of Dispatch's pool: waits that block pool workers
            // can starve the pool that delivers the termination handlers themselves.
            Thread.detachNewThread {
                guard ended.wait(timeout: .now() + Self.timeout) == .timedOut else { return }
                kill(process.processIdentifier, SIGKILL)
                Issue.record("hwsubmit-emulator \(arguments.joined(separator: " ")) ran over \(Self.timeout) s and was killed")
            }
        }

        /// The first line of stdout (blocking until it arrives or the output closes).
        func firstLine() -> String {
            while !output.contains(0x0A) {
                let chunk = stdout.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                output.append(chunk)
            }
            return String(decoding: output.prefix { $0 != 0x0A }, as: UTF8.self)
        }

        var outputText: String { String(decoding: output, as: UTF8.self) }

        /// Reads whatever stdout has next (blocking until something arrives); false once it is closed.
        func readMore() -> Bool {
            let chunk = stdout.fileHandleForReading.availableData
            output.append(chunk)
            return !chunk.isEmpty
        }

        /// All of stdout, once the process has closed it.
        func allOutput() -> String {
            output.append(stdout.fileHandleForReading.readDataToEndOfFile())
            return String(decoding: output, as: UTF8.self)
        }

        /// Waits for the process to end (at most 30 s); its exit status, or nil if it did not end.
        func exitStatus() async throws -> Int32? {
            let exited = exited
            let ended = await withCheckedContinuation { continuation in
                Thread.detachNewThread { continuation.resume(returning: exited.wait(timeout: .now() + 30) == .success) }
            }
            guard ended else {
                process.terminate()
                return nil
            }
            exited.signal()  // for a later call
            process.waitUntilExit()
            return process.terminationStatus
        }

        var errorText: String { String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
    }

    @Test("--ready-json prints one line of JSON once listening; the banner goes to stderr; stdin EOF stops it cleanly")
    func readyJSONAndStdinEOF() async throws {
        let child = try Child(["--port", "0", "--ready-json", "--exit-on-stdin-eof", "--step-delay", "50ms"])
        let ready = try JSONValue(parsing: child.firstLine())
        let base = try #require(ready["baseURL"]?.stringValue)
        let authority = try #require(ready["authority"]?.stringValue)
        #expect(base == authority + "/v2.0/my/hardware")
        #expect(ready["tokenURL"]?.stringValue == "\(authority)/\(ready["tenantId"]?.stringValue ?? "")/oauth2/token")
        #expect(ready["adminURL"]?.stringValue == authority + "/_emulator")
        #expect(ready["clientId"] != nil && ready["clientSecret"] != nil)
        #expect(authority.hasPrefix("http://127.0.0.1:") && !authority.hasSuffix(":0"))

        let client = HTTPClient.shared
        let health = try await client.execute(HTTPClientRequest(url: try #require(ready["adminURL"]?.stringValue) + "/health"), timeout: .seconds(10))
        #expect(health.status.code == 200)
        var tokenRequest = HTTPClientRequest(url: try #require(ready["tokenURL"]?.stringValue))
        tokenRequest.method = .POST
        tokenRequest.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form = "grant_type=client_credentials&client_id=\(ready["clientId"]!.stringValue!)&client_secret=\(ready["clientSecret"]!.stringValue!)&resource=https://manage.devcenter.microsoft.com"
        tokenRequest.body = .bytes(ByteBuffer(string: form))
        #expect(try await client.execute(tokenRequest, timeout: .seconds(10)).status.code == 200)

        try child.stdin.fileHandleForWriting.close()
        #expect(try await child.exitStatus() == 0)
        let banner = child.errorText
        #expect(banner.contains("token URL") && banner.contains(base))
    }

    @Test("without --ready-json the banner with the demo credentials goes to stdout; SIGTERM stops it with status 0")
    func bannerAndSIGTERM() async throws {
        let child = try Child(["--port", "0", "--page-size", "10", "--token-lifetime", "10m", "--next-link-form", "relative"])
        #expect(child.firstLine() == "Hardware Dev Center emulator listening")
        while !child.outputText.contains("Stop with Ctrl-C."), child.readMore() {}
        let base = try #require(child.outputText.split(separator: "\n").first { $0.contains("API base URL") }?
            .split(separator: " ").last.map(String.init))
        let client = HTTPClient.shared
        let unauthorized = try await client.execute(HTTPClientRequest(url: base + "/products"), timeout: .seconds(10))
        #expect(unauthorized.status.code == 401)
        child.process.terminate()
        #expect(try await child.exitStatus() == 0)
        let rest = child.allOutput()
        #expect(rest.contains("client secret") && rest.contains("hwsubmit-demo-secret"))
        #expect(rest.contains("page size 10, next links relative"), "\(rest)")
        #expect(child.errorText.contains("401 GET /v2.0/my/hardware/products (GET /products, "), "each request is printed on stderr")
    }

    @Test("bad options and scenario files are refused with a message and a usage status")
    func refusals() async throws {
        let badDuration = try Child(["--step-delay", "5 hours"])
        #expect(try await badDuration.exitStatus() == 64)
        #expect(badDuration.errorText.contains("--step-delay '5 hours' is not a duration"))

        let badForm = try Child(["--next-link-form", "sideways"])
        #expect(try await badForm.exitStatus() == 64)
        #expect(badForm.errorText.contains("--next-link-form sideways is not a form of next link; use one of absolute, relative, path, @nextLink"),
                "\(badForm.errorText)")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).json")
        try Data("{\"faults\": [{\"route\": \"GET /products\"}]}".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let badScenario = try Child(["--port", "0", "--scenario", file.path])
        #expect(try await badScenario.exitStatus() == 64)
        let message = badScenario.errorText
        #expect(message.contains(file.path) && message.contains("status, delayMs or drop"), "\(message)")

        try Data(#"{"faults": [{"route": "POST /product", "status": 503}]}"#.utf8).write(to: file)
        let unknownRoute = try Child(["--port", "0", "--scenario", file.path])
        #expect(try await unknownRoute.exitStatus() == 64)
        let refusal = unknownRoute.errorText
        #expect(refusal.contains(file.path) && refusal.contains(#"did you mean "POST /products"?"#), "\(refusal)")
    }

    @Test("a port in use is refused naming the address and what to do instead")
    func portInUse() async throws {
        let running = try await EmulatorServer.start()
        let child = try Child(["--port", "\(running.port)"])
        let status = try await child.exitStatus()
        await running.stop()
        #expect(status == 69)
        let message = child.errorText
        #expect(message.contains("cannot listen on 127.0.0.1:\(running.port)"), "\(message)")
        #expect(message.contains("already in use") && message.contains("--port 0"), "\(message)")
        #expect(!message.contains("errno: ") && !message.contains("bind("), "\(message)")
        #expect(message.filter { $0 == "(" }.count == message.filter { $0 == ")" }.count, "\(message)")
    }

    @Test("--token-lifetime sets how long a token lives: expires_in says so, and the API refuses it once that has passed")
    func tokenLifetime() async throws {
        // An hour, not a minute or two: a test waiting for its turn on a busy machine must not see
        // its fresh token expire in real time; the clock is moved past the hour instead.
        let child = try Child(["--port", "0", "--ready-json", "--exit-on-stdin-eof", "--token-lifetime", "60m"])
        let ready = try JSONValue(parsing: child.firstLine())
        let client = HTTPClient.shared
        var tokenRequest = HTTPClientRequest(url: try #require(ready["tokenURL"]?.stringValue))
        tokenRequest.method = .POST
        tokenRequest.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        tokenRequest.body = .bytes(ByteBuffer(string:
            "grant_type=client_credentials&client_id=\(ready["clientId"]!.stringValue!)&client_secret=\(ready["clientSecret"]!.stringValue!)&resource=https://manage.devcenter.microsoft.com"))
        let answer = try await client.execute(tokenRequest, timeout: .seconds(10))
        let token = try JSONValue(parsing: Array((try await answer.body.collect(upTo: 1 << 20)).readableBytesView))
        // A second short of the lifetime, as Entra ID answers 3599 for an hour.
        #expect(token["expires_in"]?.doubleValue == 3599, "\(token.jsonText)")
        let bearer = try #require(token["access_token"]?.stringValue)

        func products() async throws -> (status: UInt, body: String) {
            var request = HTTPClientRequest(url: try #require(ready["baseURL"]?.stringValue) + "/products")
            request.headers.add(name: "Authorization", value: "Bearer \(bearer)")
            let answer = try await client.execute(request, timeout: .seconds(10))
            return (answer.status.code, String(buffer: try await answer.body.collect(upTo: 1 << 20)))
        }
        let fresh = try await products()
        #expect(fresh.status == 200, "\(fresh.body)")
        var advance = HTTPClientRequest(url: try #require(ready["adminURL"]?.stringValue) + "/clock/advance")
        advance.method = .POST
        advance.body = .bytes(ByteBuffer(string: #"{"seconds": 3601}"#))
        #expect(try await client.execute(advance, timeout: .seconds(10)).status.code == 200)
        let expired = try await products()
        #expect(expired.status == 401, "the token expired after an hour of the emulator's clock: \(expired.body)")
        try child.stdin.fileHandleForWriting.close()
        #expect(try await child.exitStatus() == 0)
    }
}
