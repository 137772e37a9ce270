import Crypto
import DevCenter
import DevCenterEmulator
import Foundation
import Testing

@Suite("Against the emulator: uploads of every size, read back byte for byte")
struct UploadIntegrationTests {
    static let block = TransferFixtures.blockSize
    static let sizes = [0, 1, block - 1, block, block + 1, 5 * block + 123]

    @Test("one Put Blob up to the threshold, blocks above it", arguments: sizes)
    func uploadsBySize(_ size: Int) async throws {
        try await TransferFixtures.run { t in
            let submission = try await t.submission("Upload \(size)")
            let url = try #require(submission.uploadURL)
            let bytes = TransferFixtures.bytes(size, seed: UInt64(size))
            let result = try await t.client.blobUploader(options: TransferFixtures.options())
                .upload(file: try t.file("package.bin", bytes), to: url)
            #expect(try await t.blob(at: url) == bytes)
            #expect(result.bytes == Int64(size))
            #expect(result.checksum == .crc64 && result.contentCRC64 == CRC64(of: bytes).base64)
            #expect(result.contentMD5 == nil, "no whole-file MD5 unless asked")
            let blocks = (size + Self.block - 1) / Self.block
            if size <= Self.block {
                #expect(result.method == .singlePut)
                #expect(t.h.requests("PUT blob").map(\.status) == [201])
                #expect(t.h.requests("PUT blob?comp=block").isEmpty)
            } else {
                #expect(result.method == .blocks && result.blockCount == blocks && result.blocksSent == blocks)
                #expect(t.storedBlocks().count == blocks)
                #expect(Set(t.storedBlocks()).count == blocks, "no block was sent twice")
                #expect(t.h.requests("PUT blob?comp=blocklist").map(\.status) == [201])
            }
            #expect(t.h.requests("HEAD blob").map(\.status) == [200], "the committed blob was checked")
            let logged = size <= Self.block ? "in one Put Blob, 0 retries" : "\(blocks) of \(blocks) blocks sent, 0 already there, 0 retries"
            #expect(t.h.capture.text.contains(logged), "\(t.h.capture.text)")
        }
    }

    @Test("with no threshold every non-empty file goes in blocks, even one byte", arguments: sizes)
    func blocksOnly(_ size: Int) async throws {
        try await TransferFixtures.run { t in
            let submission = try await t.submission("Blocks \(size)")
            let url = try #require(submission.uploadURL)
            let bytes = TransferFixtures.bytes(size, seed: UInt64(size) + 7)
            let result = try await t.client.blobUploader(options: TransferFixtures.options(threshold: 0))
                .upload(file: try t.file("package.bin", bytes), to: url)
            #expect(try await t.blob(at: url) == bytes)
            #expect(result.method == (size == 0 ? .singlePut : .blocks))
            #expect(t.storedBlocks().count == (size + Self.block - 1) / Self.block)
        }
    }

    @Test("progress goes from preparing to done, bytes never decrease, and the last report is the whole file")
    func progress() async throws {
        try await TransferFixtures.run { t in
            let submission = try await t.submission("Progress")
            let bytes = TransferFixtures.bytes(7 * Self.block)
            let reports = Shared<[TransferProgress]>([])
            _ = try await t.client.blobUploader(options: TransferFixtures.options())
                .upload(file: try t.file("p.bin", bytes), to: try #require(submission.uploadURL)) { p in reports.update { $0.append(p) } }
            let seen = reports.value
            #expect(seen.first?.phase == .preparing)
            #expect(seen.last?.phase == .done && seen.last?.bytesDone == Int64(bytes.count) && seen.last?.fractionDone == 1)
            #expect(seen.allSatisfy { $0.totalBytes == Int64(bytes.count) && $0.direction == .upload })
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.bytesDone <= $1.bytesDone })
            #expect(Set(seen.map(\.phase)) == [.preparing, .transferring, .committing, .verifying, .done])
        }
    }

    @Test("a missing file, a directory and bad options fail before any request, saying what to do")
    func refusedBeforeSending() async throws {
        try await TransferFixtures.run { t in
            let submission = try await t.submission("Refused")
            let url = try #require(submission.uploadURL)
            let uploader = t.client.blobUploader(options: TransferFixtures.options())
            await #expect { _ = try await uploader.upload(file: t.directory.appendingPathComponent("missing.cab").path, to: url) } throws: { error in
                guard let e = error as? DevCenterError else { return false }
                return e.kind == .localFile && e.description.contains("missing.cab") && e.description.contains("Check the path")
            }
            await #expect { _ = try await uploader.upload(file: t.directory.path, to: url) } throws: { error in
                (error as? DevCenterError)?.kind == .localFile
            }
            let bad = t.client.blobUploader(options: TransferOptions(blockSize: 0, concurrency: 0))
            await #expect { _ = try await bad.upload(file: try t.file("x.bin", [1]), to: url) } throws: { error in
                guard let e = error as? DevCenterError else { return false }
                return e.kind == .configuration && e.message.contains("block size") && e.message.contains("concurrency")
            }
            #expect(t.h.requests("PUT blob").isEmpty && t.h.requests("GET blob?comp=blocklist").isEmpty)
        }
    }
}
