import DevCenter
import DevCenterEmulator
import Foundation
import Testing

@Suite("Against the emulator: downloads in ranges, verified, and never partial under the final name")
struct DownloadIntegrationTests {
    static let block = TransferFixtures.blockSize

    /// A submission whose package blob holds `bytes`, uploaded by the engine with `fileMD5` (so
    /// it has an MD5, as a blob the service produces does).
    func blob(_ t: TransferFixtures, _ name: String, _ bytes: [UInt8], fileMD5: Bool = true) async throws -> (Submission, String) {
        let submission = try await t.submission(name)
        let url = try #require(submission.uploadURL)
        var options = TransferFixtures.options()
        options.fileMD5 = fileMD5
        _ = try await t.client.blobUploader(options: options).upload(file: try t.file("source-\(name)", bytes), to: url)
        t.h.emulator.clearRequestLog()
        return (submission, url)
    }

    func contents(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map(Array.init) }

    @Test("a large blob comes in parallel ranges, is MD5-checked and lands under its name")
    func ranged() async throws {
        try await TransferFixtures.run { t in
            let bytes = TransferFixtures.bytes(5 * Self.block + Self.block / 2, seed: 21)
            let (_, url) = try await blob(t, "ranged", bytes)
            let target = t.directory.appendingPathComponent("signed.zip").path
            let reports = Shared<[TransferProgress]>([])
            let result = try await t.client.blobDownloader(options: TransferFixtures.options(concurrency: 3))
                .download(from: url, to: target) { p in reports.update { $0.append(p) } }
            #expect(contents(target) == bytes)
            #expect(result.requests == 6 && result.md5Verified && result.bytes == Int64(bytes.count))
            #expect(t.h.requests("GET blob").map(\.status) == Array(repeating: 206, count: 6))
            #expect(t.h.requests("HEAD blob").count == 1)
            #expect(reports.value.last?.phase == .done && reports.value.last?.bytesDone == Int64(bytes.count))
            #expect(reports.value.contains { $0.phase == .verifying })
            #expect(try t.directoryListing().filter { $0.hasSuffix(".partial") }.isEmpty)
        }
    }

    @Test("a blob committed from blocks without an MD5 downloads whole, checked by size and ETag only")
    func withoutMD5() async throws {
        try await TransferFixtures.run { t in
            let bytes = TransferFixtures.bytes(3 * Self.block + 9, seed: 22)
            let (_, url) = try await blob(t, "no-md5", bytes, fileMD5: false)
            let target = t.directory.appendingPathComponent("plain.bin").path
            let result = try await t.client.blobDownloader(options: TransferFixtures.options()).download(from: url, to: target)
            #expect(contents(target) == bytes)
            #expect(!result.md5Verified && result.contentMD5 == nil && result.requests == 4)
        }
    }

    @Test("empty, one-byte and one-block blobs come in one GET or none")
    func small() async throws {
        try await TransferFixtures.run { t in
            for size in [0, 1, Self.block] {
                let bytes = TransferFixtures.bytes(size, seed: UInt64(size) + 5)
                let (_, url) = try await blob(t, "small-\(size)", bytes)
                let target = t.directory.appendingPathComponent("out-\(size).bin").path
                let result = try await t.client.blobDownloader(options: TransferFixtures.options()).download(from: url, to: target)
                #expect(contents(target) == bytes)
                #expect(result.md5Verified)
                #expect(t.h.requests("GET blob").count == (size == 0 ? 0 : 1))
            }
        }
    }

    @Test("bytes damaged on the way fail the MD5 check; nothing is left under the final name or beside it")
    func digestMismatch() async throws {
        try await TransferFixtures.run { t in
            let (_, url) = try await blob(t, "damaged", TransferFixtures.bytes(3 * Self.block, seed: 4))
            let before = try t.directoryListing()
            let downloader = BlobDownloader(
                options: TransferFixtures.options(), transport: CorruptingTransport(inner: t.h.transport),
                clock: t.h.clock.devCenterClock, logger: t.h.capture.logger)
            let target = t.directory.appendingPathComponent("signed.zip").path
            await #expect { _ = try await downloader.download(from: url, to: target) } throws: { error in
                guard let e = error as? DevCenterError else { return false }
                return e.code == "Md5Mismatch" && e.kind == .invalidResponse && e.description.contains("download it again")
            }
            #expect(try t.directoryListing() == before)
        }
    }

    @Test("a dropped range and a 500 are retried alone; the file is complete")
    func interrupted() async throws {
        try await TransferFixtures.run { t in
            let bytes = TransferFixtures.bytes(6 * Self.block, seed: 8)
            let (_, url) = try await blob(t, "interrupted", bytes)
            t.h.emulator.injectFault(FaultRule(route: "GET blob", drop: true, nth: 2))
            t.h.emulator.injectFault(FaultRule(route: "GET blob", status: 500, nth: 5))
            let target = t.directory.appendingPathComponent("signed.zip").path
            let result = try await t.client.blobDownloader(options: TransferFixtures.options(concurrency: 2)).download(from: url, to: target)
            #expect(contents(target) == bytes)
            #expect(result.retries == 2 && result.md5Verified)
        }
    }

    @Test("a range that keeps failing fails the download; a file already at the target stays as it was")
    func persistentFailure() async throws {
        try await TransferFixtures.run { t in
            let (_, url) = try await blob(t, "failing", TransferFixtures.bytes(4 * Self.block))
            let target = try t.file("signed.zip", Array("the previous build".utf8))
            let before = try t.directoryListing()
            t.h.emulator.injectFault(FaultRule(route: "GET blob", status: 500, count: 1000, nth: 3))
            await #expect {
                _ = try await t.client.blobDownloader(options: TransferFixtures.options(attempts: 2)).download(from: url, to: target)
            } throws: { error in
                (error as? DevCenterError)?.kind == .server
            }
            #expect(contents(target) == Array("the previous build".utf8))
            #expect(try t.directoryListing() == before)
        }
    }

    @Test("a cancelled download stops and leaves nothing behind")
    func cancelled() async throws {
        try await TransferFixtures.run { t in
            let (_, url) = try await blob(t, "cancelled", TransferFixtures.bytes(10 * Self.block))
            let before = try t.directoryListing()
            let target = t.directory.appendingPathComponent("signed.zip").path
            let downloader = t.client.blobDownloader(options: TransferFixtures.options(concurrency: 1))
            let task = Shared<Task<DownloadResult, any Error>?>(nil)
            let started = Task {
                try await downloader.download(from: url, to: target) { p in
                    if p.fractionDone >= 0.3 { task.value?.cancel() }
                }
            }
            task.value = started
            let outcome = await started.result
            guard case .failure(let error) = outcome else { Issue.record("the download finished before it could be cancelled"); return }
            #expect(error is CancellationError)
            #expect(try t.directoryListing() == before)
        }
    }

    @Test("an expired URL is replaced by fetching the submission again; without a provider it is urlExpired")
    func expired() async throws {
        try await TransferFixtures.run { t in
            let bytes = TransferFixtures.bytes(3 * Self.block, seed: 13)
            let (submission, url) = try await blob(t, "expired", bytes)
            // An hour passes for client and emulator alike: the URL is past its se.
            t.h.clock.advance(by: .seconds(3700))
            let target = t.directory.appendingPathComponent("package.bin").path
            await #expect {
                _ = try await t.client.blobDownloader(options: TransferFixtures.options()).download(from: url, to: target)
            } throws: { error in
                guard let e = error as? DevCenterError else { return false }
                return e.kind == .urlExpired && e.description.contains("fetching the submission again")
                    && e.correlationID == t.client.correlationID && e.requestID != nil
            }
            #expect(contents(target) == nil)
            let result = try await t.client.download(.initialPackage, of: submission, to: target, options: TransferFixtures.options())
            #expect(result.urlRefreshes == 1)
            #expect(contents(target) == bytes)
        }
    }
}
