import AsyncHTTPClient
import Crypto
import DevCenter
import DevCenterEmulator
import Foundation
import NIOCore
import Testing

/// The slow test: a 1 GiB upload through Put Block, generated on the fly, with the resident
/// memory of this process (client and emulator both) staying flat.
@Suite("Slow: a 1 GiB upload through Put Block")
struct LargeUploadSlowTests {
    static let blockSize = 8 << 20
    static let blockCount = 128
    static let chunkSize = 256 << 10

    /// `VmRSS` or `VmHWM` of this process, in bytes, from /proc/self/status.
    static func memory(_ field: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kB = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw HarnessError("no \(field) in /proc/self/status") }
        return kB * 1024
    }

    /// The bytes of block `index`, chunk by chunk: a pattern that differs per block, made as it is sent.
    static func chunks(block index: Int) -> AsyncStream<ByteBuffer> {
        AsyncStream { continuation in
            var sent = 0
            while sent < blockSize {
                var buffer = ByteBuffer()
                buffer.reserveCapacity(chunkSize)
                buffer.writeRepeatingByte(UInt8(truncatingIfNeeded: index &* 37 &+ sent / chunkSize), count: chunkSize)
                continuation.yield(buffer)
                sent += chunkSize
            }
            continuation.finish()
        }
    }

    static func blockID(_ index: Int) -> String { Data(String(format: "block-%06d", index).utf8).base64EncodedString() }

    @Test("1 GiB in 128 blocks of 8 MiB, 4 at a time: committed whole, MD5 checked, memory flat")
    func oneGiB() async throws {
        try await EmulatorHarness.with { h in
            let product = try await h.createProduct()
            let (_, url) = try await h.createSubmission(product)

            func putBlock(_ index: Int) async throws {
                var request = HTTPClientRequest(url: url + "&comp=block&blockid=" + (Self.blockID(index).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                request.method = .PUT
                request.body = .stream(Self.chunks(block: index), length: .known(Int64(Self.blockSize)))
                let response = try await h.client.execute(request, timeout: .seconds(300))
                _ = try await response.body.collect(upTo: 1 << 20)
                guard response.status.code == 201 else { throw HarnessError("block \(index): \(response.status)") }
            }

            // Warm up allocators and connections before the baseline.
            for index in 0..<4 { try await putBlock(index) }
            let baseline = try Self.memory("VmRSS")
            try await withThrowingTaskGroup(of: Void.self) { group in
                var next = 4
                for _ in 0..<4 {
                    let index = next
                    next += 1
                    group.addTask { try await putBlock(index) }
                }
                while try await group.next() != nil {
                    if next < Self.blockCount {
                        let index = next
                        next += 1
                        group.addTask { try await putBlock(index) }
                    }
                }
            }
            var md5 = Insecure.MD5()
            for index in 0..<Self.blockCount {
                for await chunk in Self.chunks(block: index) { chunk.withUnsafeReadableBytes { md5.update(bufferPointer: $0) } }
            }
            let digest = Data(md5.finalize()).base64EncodedString()
            let list = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>"
                + (0..<Self.blockCount).map { "<Latest>\(Self.blockID($0))</Latest>" }.joined() + "</BlockList>"
            let commit = try await h.send(.PUT, url: url + "&comp=blocklist", headers: [("x-ms-blob-content-md5", digest)], body: Array(list.utf8))
            #expect(commit.status == 201, "\(commit.text)")
            let head = try await h.send(.HEAD, url: url)
            #expect(head.headers["Content-Length"].first == String(Self.blockSize * Self.blockCount))
            #expect(head.headers["Content-MD5"].first == digest)
            let tail = try await h.send(.GET, url: url, headers: [("x-ms-range", "bytes=\(Self.blockSize * Self.blockCount - 4)-")])
            #expect(tail.body == [UInt8](repeating: UInt8(truncatingIfNeeded: 127 &* 37 &+ 31), count: 4))

            let peak = try Self.memory("VmHWM")
            let growth = peak - baseline
            #expect(growth < 256 << 20, "resident memory grew by \(growth >> 20) MiB during a 1 GiB upload (baseline \(baseline >> 20) MiB, peak \(peak >> 20) MiB)")
        }
    }
}
