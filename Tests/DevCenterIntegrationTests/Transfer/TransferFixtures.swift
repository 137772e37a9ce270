import DevCenter
import DevCenterEmulator
import Foundation
import Testing

/// Files, upload URLs and read-backs for the transfer tests.
struct TransferFixtures {
    let h: IntegrationHarness
    let client: DevCenterClient
    let directory: URL

    /// Small blocks, so a multi-block file stays small; no progress throttling; quick retries.
    static let blockSize = 64 << 10
    static func options(concurrency: Int = 3, threshold: Int = blockSize, attempts: Int = 4) -> TransferOptions {
        TransferOptions(
            singlePutThreshold: threshold, blockSize: blockSize, concurrency: concurrency,
            retryPolicy: RetryPolicy(maximumAttempts: attempts, initialDelay: .milliseconds(100), jitter: .none),
            requestTimeout: .seconds(30), progressInterval: .zero)
    }

    /// Runs `body` with an emulator, a client of it, and a temporary directory removed afterwards.
    static func run(_ body: (TransferFixtures) async throws -> Void) async throws {
        try await IntegrationHarness.run { h in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hwsubmit-transfer-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try await body(TransferFixtures(h: h, client: try h.client(), directory: directory))
        }
    }

    /// Bytes that differ from block to block and from seed to seed.
    static func bytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    /// A file of `bytes` in the temporary directory.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A new product and submission; its upload URL.
    func submission(_ name: String) async throws -> Submission {
        let product = try await client.createProduct(IntegrationHarness.newProduct(name))
        return try await client.createSubmission(productID: product.id, NewSubmission(name: "\(name) 1.0"))
    }

    /// A new submission and a file of `size` bytes to upload to it.
    struct Package {
        var submission: Submission
        var url: String
        var bytes: [UInt8]
        var path: String

        var unpacked: (Submission, String, [UInt8], String) { (submission, url, bytes, path) }
    }

    func package(_ name: String, size: Int, seed: UInt64 = 1) async throws -> Package {
        let submission = try await self.submission(name)
        let bytes = Self.bytes(size, seed: seed)
        return Package(submission: submission, url: try #require(submission.uploadURL), bytes: bytes, path: try file("\(name).cab", bytes))
    }

    /// The submission's upload URL, freshly signed.
    func freshURL(_ submission: Submission) async throws -> String {
        try #require(try await client.submission(productID: submission.productId, submissionID: submission.id).uploadURL)
    }

    /// The blob at `url` as the emulator holds it (Get Blob), or `nil` when there is none.
    func blob(at url: String) async throws -> [UInt8]? {
        let response = try await h.transport.send(TransportRequest(method: "GET", url: url, maximumResponseBytes: 64 << 20), logger: h.capture.logger)
        if response.status == 404 { return nil }
        try #require(response.status == 200, "GET blob answered \(response.status): \(response.bodyText)")
        return response.body
    }

    /// The `blockid`s of the Put Block requests the emulator stored (answered 201).
    func storedBlocks() -> [String] {
        h.requests("PUT blob?comp=block").filter { $0.status == 201 }.compactMap { entry in
            entry.query.split(separator: "&").first { $0.hasPrefix("blockid=") }.map { String($0.dropFirst(8)) }
        }
    }

    /// The names in the temporary directory.
    func directoryListing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }
}
