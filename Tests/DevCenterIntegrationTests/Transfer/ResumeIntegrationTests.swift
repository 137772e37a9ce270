import DevCenter
import DevCenterEmulator
import Foundation
import Testing

@Suite("Against the emulator: an interrupted upload resumes with only the missing blocks")
struct ResumeIntegrationTests {
    static let blocks = 20

    /// Uploads `path` and cancels the task once `fraction` of the file is done; returns the error.
    func killedUpload(_ t: TransferFixtures, _ path: String, to url: String, concurrency: Int, at fraction: Double) async throws -> any Error {
        let uploader = t.client.blobUploader(options: TransferFixtures.options(concurrency: concurrency))
        let task = Shared<Task<UploadResult, any Error>?>(nil)
        let started = Task {
            try await uploader.upload(file: path, to: url) { p in
                if p.fractionDone >= fraction { task.value?.cancel() }
            }
        }
        task.value = started
        let outcome = await started.result
        guard case .failure(let error) = outcome else {
            Issue.record("the upload finished before it could be cancelled")
            return CancellationError()
        }
        return error
    }

    @Test("killed at 70%, the rerun asks Get Block List and sends exactly the missing 30%")
    func killedAtSeventyPercent() async throws {
        try await TransferFixtures.run { t in
            let (_, url, bytes, path) = try await t.package("Resume", size: Self.blocks * TransferFixtures.blockSize).unpacked

            let error = try await killedUpload(t, path, to: url, concurrency: 1, at: 0.7)
            #expect(error is CancellationError)
            let first = t.storedBlocks()
            #expect(first.count == 14, "one block at a time, cancelled once 14 of 20 were sent")
            #expect(t.h.requests("PUT blob?comp=blocklist").isEmpty, "nothing was committed")
            #expect(try await t.blob(at: url) == nil)

            t.h.emulator.clearRequestLog()
            let result = try await t.client.blobUploader(options: TransferFixtures.options(concurrency: 1)).upload(file: path, to: url)
            #expect(t.h.requests("GET blob?comp=blocklist").count == 1)
            #expect(t.storedBlocks().count == 6, "only the missing 30% was sent")
            #expect(Set(t.storedBlocks()).isDisjoint(with: first))
            #expect(result.blocksResumed == 14 && result.blocksSent == 6 && result.bytesSent == Int64(6 * TransferFixtures.blockSize))
            #expect(try await t.blob(at: url) == bytes)
        }
    }

    @Test("killed mid-flight with four blocks in the air, the rerun sends exactly the blocks the service does not hold")
    func killedWhileParallel() async throws {
        try await TransferFixtures.run { t in
            let (_, url, bytes, path) = try await t.package("Resume parallel", size: Self.blocks * TransferFixtures.blockSize, seed: 9).unpacked

            #expect(try await killedUpload(t, path, to: url, concurrency: 4, at: 0.7) is CancellationError)
            let first = Set(t.storedBlocks())
            #expect(first.count >= 14 && first.count < Self.blocks)

            t.h.emulator.clearRequestLog()
            let result = try await t.client.blobUploader(options: TransferFixtures.options(concurrency: 4)).upload(file: path, to: url)
            let second = t.storedBlocks()
            #expect(second.count == Self.blocks - first.count)
            #expect(Set(second).isDisjoint(with: first))
            #expect(result.blocksResumed == first.count)
            #expect(try await t.blob(at: url) == bytes)
        }
    }

    @Test("a changed file resends only the blocks whose bytes changed; a complete upload run again sends none")
    func changedFileAndRerun() async throws {
        try await TransferFixtures.run { t in
            let (_, url, original, path) = try await t.package("Changed", size: 6 * TransferFixtures.blockSize, seed: 3).unpacked
            var bytes = original
            let uploader = t.client.blobUploader(options: TransferFixtures.options())
            _ = try await uploader.upload(file: path, to: url)

            t.h.emulator.clearRequestLog()
            let again = try await uploader.upload(file: path, to: url)
            #expect(again.blocksSent == 0 && again.blocksResumed == 6, "every block is in the committed list")
            #expect(t.storedBlocks().isEmpty)

            bytes[2 * TransferFixtures.blockSize + 5] ^= 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            t.h.emulator.clearRequestLog()
            let changed = try await uploader.upload(file: path, to: url)
            #expect(changed.blocksSent == 1 && t.storedBlocks().count == 1)
            #expect(try await t.blob(at: url) == bytes)
        }
    }

    @Test("blocks of another client with IDs of another length are cleared, not tripped over")
    func foreignBlocks() async throws {
        try await TransferFixtures.run { t in
            let submission = try await t.submission("Foreign")
            let url = try #require(submission.uploadURL)
            let put = try await t.h.transport.send(
                TransportRequest(method: "PUT", url: url + "&comp=block&blockid=" + Data("other".utf8).base64EncodedString(), body: [1, 2, 3]),
                logger: t.h.capture.logger)
            #expect(put.status == 201)
            let bytes = TransferFixtures.bytes(3 * TransferFixtures.blockSize)
            _ = try await t.client.blobUploader(options: TransferFixtures.options()).upload(file: try t.file("f.cab", bytes), to: url)
            #expect(try await t.blob(at: url) == bytes)
        }
    }
}
