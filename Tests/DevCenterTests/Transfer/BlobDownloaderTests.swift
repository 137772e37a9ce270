@testable import DevCenter
import DevCenterTestSupport
import Foundation
import Logging
import Testing

@Suite("Downloads refuse answers that would spoil the file")
struct BlobDownloaderTests {
    static let url = "https://acct.blob.core.windows.net/c/signed.zip?sv=2021-08-06&sr=b&sp=r&sig=S"

    func download(_ handler: @escaping InMemoryTransport.Handler) async throws -> (String, any Error)? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hwsubmit-dl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let downloader = BlobDownloader(
            options: TransferOptions(singlePutThreshold: 4, blockSize: 4, concurrency: 1, retryPolicy: .none),
            transport: InMemoryTransport(handler), clock: VirtualClock().devCenterClock)
        do {
            _ = try await downloader.download(from: Self.url, to: directory.appendingPathComponent("out.zip").path)
            return nil
        } catch {
            return (try FileManager.default.contentsOfDirectory(atPath: directory.path).joined(separator: ","), error)
        }
    }

    static func head(etag: String = "\"1\"") -> TransportResponse {
        TransportResponse(status: 200, headers: ["Content-Length": "10", "ETag": etag])
    }

    @Test("a range from another version of the blob (its ETag changed) fails the download")
    func etagChanged() async throws {
        let outcome = try await download { request in
            if request.method == "HEAD" { return Self.head() }
            let etag = request.headers["x-ms-range"] == "bytes=0-3" ? "\"1\"" : "\"2\""
            return TransportResponse(status: 206, headers: ["ETag": etag], body: [1, 2, 3, 4].prefix(request.headers["x-ms-range"] == "bytes=8-9" ? 2 : 4).map { $0 })
        }
        let (listing, error) = try #require(outcome)
        #expect((error as? DevCenterError)?.kind == .invalidState && "\(error)".contains("changed while it was being downloaded"))
        #expect(listing.isEmpty, "the partial file was removed")
    }

    @Test("a 412 (If-Match failed) is reported as a changed blob")
    func preconditionFailed() async throws {
        let (_, error) = try #require(try await download { request in
            request.method == "HEAD" ? Self.head() : TransportResponse(status: 412, headers: ["x-ms-error-code": "ConditionNotMet"])
        })
        #expect("\(error)".contains("changed while it was being downloaded"))
    }

    @Test("a server that ignores the range and sends more bytes fails the download")
    func rangeIgnored() async throws {
        let (_, error) = try #require(try await download { request in
            request.method == "HEAD" ? Self.head() : TransportResponse(status: 200, body: Array(repeating: 7, count: 10))
        })
        #expect((error as? DevCenterError)?.kind == .invalidResponse && "\(error)".contains("longer than the 4 bytes"))
    }

    @Test("a short range is an error of the network, retried like one")
    func shortRange() async throws {
        let (_, error) = try #require(try await download { request in
            request.method == "HEAD" ? Self.head() : TransportResponse(status: 206, body: [1, 2])
        })
        #expect((error as? DevCenterError)?.kind == .network && (error as? DevCenterError)?.retryable == true)
    }

    @Test("a download to a directory is refused before any request")
    func directoryTarget() async throws {
        let transport = InMemoryTransport { _ in Self.head() }
        await #expect {
            _ = try await BlobDownloader(transport: transport).download(from: Self.url, to: FileManager.default.temporaryDirectory.path)
        } throws: { error in
            (error as? DevCenterError)?.kind == .localFile
        }
        #expect(transport.requests.isEmpty)
    }
}
