import Crypto
import DevCenter
import DevCenterEmulator
import Foundation
import Testing

@Suite("Against the emulator: what every block carries for the service to check, and what it catches")
struct UploadChecksumIntegrationTests {
    static let block = TransferFixtures.blockSize

    static func md5(_ bytes: ArraySlice<UInt8>) -> String { Data(Insecure.MD5.hash(data: Array(bytes))).base64EncodedString() }

    /// The PUT requests an upload of `bytes` with `options` sent, after checking the blob holds them.
    func upload(_ t: TransferFixtures, _ name: String, _ bytes: [UInt8], _ options: TransferOptions) async throws -> ([SecretRecordingTransport.Sent], UploadResult) {
        let submission = try await t.submission(name)
        let url = try #require(submission.uploadURL)
        let result = try await t.client.blobUploader(options: options).upload(file: try t.file("\(name).bin", bytes), to: url)
        #expect(try await t.blob(at: url) == bytes)
        let path = String(url.prefix { $0 != "?" })
        return (t.h.transport.sent.filter { $0.method == "PUT" && $0.url.hasPrefix(path) }, result)
    }

    func blocks(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        stride(from: 0, to: bytes.count, by: Self.block).map { bytes[$0..<min(bytes.count, $0 + Self.block)] }
    }

    @Test("by default every block and a single Put Blob carry their CRC-64 and no MD5; the file's CRC-64 is composed from the blocks'")
    func crc64ByDefault() async throws {
        try await TransferFixtures.run { t in
            let whole = TransferFixtures.bytes(Self.block / 2, seed: 98)
            let (puts, small) = try await upload(t, "CRC whole", whole, TransferFixtures.options())
            let put = try #require(puts.first)
            #expect(puts.count == 1 && put.headers["x-ms-content-crc64"] == CRC64(of: whole).base64)
            #expect(put.headers["Content-MD5"] == nil && put.headers["x-ms-blob-content-md5"] == nil)
            #expect(small.method == .singlePut && small.contentCRC64 == CRC64(of: whole).base64)

            let bytes = TransferFixtures.bytes(4 * Self.block + 77, seed: 99)
            let (sent, result) = try await upload(t, "CRC blocks", bytes, TransferFixtures.options())
            let blockPuts = sent.filter { $0.url.contains("comp=block&") }
            #expect(blockPuts.compactMap { $0.headers["x-ms-content-crc64"] }.sorted() == blocks(of: bytes).map { CRC64(of: $0).base64 }.sorted())
            #expect(blockPuts.allSatisfy { $0.headers["Content-MD5"] == nil })
            let list = try #require(sent.first { $0.url.contains("comp=blocklist") })
            #expect(list.headers["x-ms-blob-content-md5"] == nil, "no whole-file MD5 unless asked")
            #expect(result.contentCRC64 == CRC64(of: bytes).base64 && result.contentMD5 == nil)
        }
    }

    @Test("with checksum md5 every block carries its Content-MD5; with fileMD5 the block list carries the file's, which the blob then has")
    func md5WhenAsked() async throws {
        try await TransferFixtures.run { t in
            let bytes = TransferFixtures.bytes(3 * Self.block + 5, seed: 97)
            var options = TransferFixtures.options()
            options.checksum = .md5
            options.fileMD5 = true
            let (sent, result) = try await upload(t, "MD5 blocks", bytes, options)
            let blockPuts = sent.filter { $0.url.contains("comp=block&") }
            #expect(blockPuts.compactMap { $0.headers["Content-MD5"] }.sorted() == blocks(of: bytes).map(Self.md5).sorted())
            #expect(blockPuts.allSatisfy { $0.headers["x-ms-content-crc64"] == nil })
            let list = try #require(sent.first { $0.url.contains("comp=blocklist") })
            #expect(list.headers["x-ms-blob-content-md5"] == Self.md5(bytes[...]))
            #expect(result.contentMD5 == Self.md5(bytes[...]) && result.contentCRC64 == CRC64(of: bytes).base64)

            // CRC-64 on the blocks and the file's MD5 on the list: the same pass computes both.
            options.checksum = .crc64
            let (crcSent, crcResult) = try await upload(t, "CRC and file MD5", bytes, options)
            #expect(crcSent.filter { $0.url.contains("comp=block&") }.allSatisfy { $0.headers["x-ms-content-crc64"] != nil })
            #expect(crcSent.first { $0.url.contains("comp=blocklist") }?.headers["x-ms-blob-content-md5"] == Self.md5(bytes[...]))
            #expect(crcResult.contentMD5 == Self.md5(bytes[...]))
        }
    }

    @Test("a block or a Put Blob damaged on the way is refused by the service, for either checksum; nothing is committed", arguments: TransferChecksum.allCases)
    func damagedInTransit(_ checksum: TransferChecksum) async throws {
        try await TransferFixtures.run { t in
            for size in [Self.block / 2, 3 * Self.block] {
                let package = try await t.package("Damaged \(checksum) \(size)", size: size, seed: 5)
                var options = TransferFixtures.options()
                options.checksum = checksum
                let uploader = BlobUploader(
                    options: options, transport: CorruptingTransport(inner: t.h.transport, uploads: true),
                    clock: t.h.clock.devCenterClock, logger: t.h.capture.logger)
                let code = checksum == .crc64 ? "Crc64Mismatch" : "Md5Mismatch"
                await #expect { _ = try await uploader.upload(file: package.path, to: package.url) } throws: { error in
                    guard let e = error as? DevCenterError else { return false }
                    return e.code == code && e.kind == .invalidInput && e.status == 400 && e.description.contains("upload the file again")
                }
                #expect(try await t.blob(at: package.url) == nil, "nothing committed")
            }
            #expect(t.storedBlocks().isEmpty, "no damaged block was stored")
        }
    }
}
