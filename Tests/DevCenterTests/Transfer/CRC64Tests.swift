@testable import DevCenter
import Foundation
import Testing

@Suite("Azure Storage's CRC-64")
struct CRC64Tests {
    /// Deterministic bytes (a 64-bit LCG), so a failure can be reproduced.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    @Test("the published check values: \"123456789\", the Azure SDK's \"Hello Azure!\", nothing")
    func checkValues() {
        #expect(CRC64(of: Array("123456789".utf8)).value == 0xAE8B_1486_0A79_9888)
        #expect(CRC64(of: Array("Hello Azure!".utf8)).base64 == "DtjZpL9/o8c=")
        #expect(CRC64(of: [UInt8]()).base64 == "AAAAAAAAAAA=")
        #expect(CRC64(of: Array("123456789".utf8)).bytes == [0x88, 0x98, 0x79, 0x0A, 0x86, 0x14, 0x8B, 0xAE], "little-endian")
    }

    @Test("the fast implementation agrees with the tables on random data of every length and alignment")
    func fastMatchesTables() {
        let data = Self.bytes(300_000, seed: 19)
        var lengths = Array(0...300) + [511, 512, 513, 1023, 4096, 65_537, 299_000]
        lengths += (0..<40).map { 1000 + $0 * 7_331 }
        data.withUnsafeBytes { all in
            for length in lengths {
                for offset in [0, 1, 3, 8, 13] where offset + length <= all.count {
                    let slice = UnsafeRawBufferPointer(rebasing: all[offset..<offset + length])
                    #expect(CRC64(of: slice) == CRC64.portable(of: slice), "length \(length) at offset \(offset)")
                }
            }
        }
    }

    @Test("updating piece by piece gives the CRC of the whole")
    func incremental() {
        let data = Self.bytes(100_003, seed: 7)
        var crc = CRC64()
        var start = 0
        for size in [0, 1, 15, 64, 255, 256, 4095, 10_000, 100_000] where start < data.count {
            let end = min(data.count, start + size)
            data[start..<end].withUnsafeBytes { crc.update($0) }
            start = end
        }
        data[start...].withUnsafeBytes { crc.update($0) }
        #expect(crc == CRC64(of: data))
    }

    @Test("the CRCs of two parts combine into the CRC of both, as a file's does from its blocks'")
    func combine() {
        let data = Self.bytes(50_000, seed: 3)
        for cut in [0, 1, 255, 256, 4096, 25_000, 49_999, 50_000] {
            let first = CRC64(of: data[..<cut]), second = CRC64(of: data[cut...])
            #expect(CRC64.combine(first, second, secondLength: Int64(50_000 - cut)) == CRC64(of: data), "cut at \(cut)")
        }
        let blocks = stride(from: 0, to: 50_000, by: 4096).map { data[$0..<min(50_000, $0 + 4096)] }
        #expect(CRC64.combine(blocks.map { (CRC64(of: $0), Int64($0.count)) }) == CRC64(of: data), "blocks of one length and a shorter last one")
    }

    @Test("the header form reads back; other text is refused")
    func header() {
        let crc = CRC64(of: Array("123456789".utf8))
        #expect(CRC64(base64: crc.base64) == crc)
        #expect(CRC64(base64: "AAAA") == nil, "3 bytes")
        #expect(CRC64(base64: "not base64!") == nil)
    }
}
