import AsyncHTTPClient
import DevCenter
import DevCenterEmulator
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// A started emulator and an HTTP client talking to it over loopback, with the few calls most
/// tests need. Every test makes its own and stops it at the end.
struct EmulatorHarness {
    let emulator: EmulatorServer
    let client: HTTPClient
    var token = ""

    static func start(_ configuration: EmulatorConfiguration = EmulatorConfiguration(stepDelay: .zero)) async throws -> EmulatorHarness {
        let emulator = try await EmulatorServer.start(configuration)
        var harness = EmulatorHarness(emulator: emulator, client: HTTPClient(eventLoopGroupProvider: .singleton))
        do {
            harness.token = try await harness.fetchToken()
        } catch {
            // A client dropped without its shutdown ends the whole test process.
            await harness.stop()
            throw error
        }
        return harness
    }

    func stop() async {
        try? await client.shutdown()
        await emulator.stop()
    }

    /// Runs `body` with a started harness and always stops it.
    static func with(_ configuration: EmulatorConfiguration = EmulatorConfiguration(stepDelay: .zero),
                     _ body: (EmulatorHarness) async throws -> Void) async throws {
        let harness = try await start(configuration)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var json: JSONValue { (try? JSONValue(parsing: body)) ?? .null }
        var text: String { String(decoding: body, as: UTF8.self) }
        /// `error.code` of a service error body.
        var errorCode: String? { json["error"]?["code"]?.stringValue }
        var errorMessage: String? { json["error"]?["message"]?.stringValue }
        var validationTargets: [String] { json["error"]?["validationErrors"]?.arrayValue?.compactMap { $0["target"]?.stringValue } ?? [] }
    }

    /// Any request; `url` is absolute.
    func send(_ method: HTTPMethod, url: String, headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, body: Array(bytes.readableBytesView))
    }

    /// A hardware API call with the bearer token; `path` is relative to the base URL.
    func api(_ method: HTTPMethod, _ path: String, json: JSONValue? = nil, rawBody: String? = nil, contentType: String = "application/json",
             token: String? = nil) async throws -> Answer {
        var headers = [("Authorization", "Bearer \(token ?? self.token)"), ("Accept", "application/json")]
        var body: [UInt8]?
        if let json { body = Array(json.serialized()) }
        if let rawBody { body = Array(rawBody.utf8) }
        if body != nil { headers.append(("Content-Type", contentType)) }
        return try await send(method, url: emulator.baseURL + path, headers: headers, body: body)
    }

    func admin(_ method: HTTPMethod, _ path: String, json: JSONValue? = nil) async throws -> Answer {
        try await send(method, url: emulator.adminURL + path, headers: [("Content-Type", "application/json")], body: json.map { Array($0.serialized()) })
    }

    func fetchToken() async throws -> String {
        let form = "grant_type=client_credentials&client_id=\(emulator.clientID)&client_secret=\(emulator.clientSecret)&resource=https%3A%2F%2Fmanage.devcenter.microsoft.com"
        let answer = try await send(.POST, url: emulator.tokenURL(), headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(form.utf8))
        guard answer.status == 200, let token = answer.json["access_token"]?.stringValue else {
            throw HarnessError("token request failed: \(answer.status) \(answer.text)")
        }
        return token
    }

    static let validProduct: JSONValue = [
        "productName": "Contoso Widget", "testHarness": "Attestation", "deviceType": "external",
        "requestedSignatures": ["WINDOWS_v100_X64_RS5_FULL", "WINDOWS_v100_ARM64_RS5_FULL"],
        "selectedProductTypes": ["windows_v100_RS5": "Unclassified"], "announcementDate": "2026-12-01T00:00:00Z",
        "firmwareVersion": "1.0", "marketingNames": [],
    ]

    func createProduct(_ body: JSONValue = validProduct) async throws -> Int64 {
        let answer = try await api(.POST, "/products", json: body)
        guard answer.status == 201, let id = answer.json["id"]?.int64Value else { throw HarnessError("create product: \(answer.status) \(answer.text)") }
        return id
    }

    /// Creates a submission; returns its ID and upload URL.
    func createSubmission(_ productID: Int64, type: String = "initial") async throws -> (id: Int64, uploadURL: String) {
        let answer = try await api(.POST, "/products/\(productID)/submissions", json: ["name": "contoso-widget 1.2.0", "type": .string(type)])
        guard answer.status == 201, let id = answer.json["id"]?.int64Value,
            let url = answer.json["downloads"]?["items"]?[0]?["url"]?.stringValue
        else { throw HarnessError("create submission: \(answer.status) \(answer.text)") }
        return (id, url)
    }

    /// Uploads `bytes` in one Put Blob.
    func putBlob(_ sasURL: String, _ bytes: [UInt8], headers: [(String, String)] = []) async throws -> Answer {
        try await send(.PUT, url: sasURL, headers: [("x-ms-blob-type", "BlockBlob"), ("x-ms-version", "2021-08-06")] + headers, body: bytes)
    }

    func getSubmission(_ productID: Int64, _ submissionID: Int64) async throws -> JSONValue {
        let answer = try await api(.GET, "/products/\(productID)/submissions/\(submissionID)")
        guard answer.status == 200 else { throw HarnessError("get submission: \(answer.status) \(answer.text)") }
        return answer.json
    }

    /// Polls until the submission completes or fails (the package is inspected in the background).
    func waitForFinalState(_ productID: Int64, _ submissionID: Int64) async throws -> JSONValue {
        for _ in 0..<3000 {
            let submission = try await getSubmission(productID, submissionID)
            let status = submission["commitStatus"]?.stringValue ?? ""
            if status == "commitComplete" || status == "commitFailed" { return submission }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw HarnessError("submission \(submissionID) did not finish")
    }

    /// Product, submission, upload of `package`, commit; returns the final submission.
    func submit(_ package: [UInt8], product: JSONValue = validProduct) async throws -> (productID: Int64, submission: JSONValue) {
        let productID = try await createProduct(product)
        let (submissionID, url) = try await createSubmission(productID)
        let upload = try await putBlob(url, package)
        guard upload.status == 201 else { throw HarnessError("upload: \(upload.status) \(upload.text)") }
        let commit = try await api(.POST, "/products/\(productID)/submissions/\(submissionID)/commit")
        guard commit.status == 202 else { throw HarnessError("commit: \(commit.status) \(commit.text)") }
        return (productID, try await waitForFinalState(productID, submissionID))
    }

    /// The URL of the download item of `type` in a submission.
    static func downloadURL(_ submission: JSONValue, _ type: String) -> String? {
        submission["downloads"]?["items"]?.arrayValue?.first { $0["type"]?.stringValue == type }?["url"]?.stringValue
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
