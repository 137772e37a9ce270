@testable import DevCenter
import Foundation
import Testing

@Suite("Block plans and block IDs")
struct BlockPlanTests {
    @Test("a file is cut into blocks of the asked size, the last one shorter")
    func cutting() throws {
        let plan = try BlockPlan(fileSize: 10 * 1024 + 1, requestedBlockSize: 1024, path: "p")
        #expect(plan.count == 11 && plan.blockSize == 1024)
        #expect(plan.range(of: 0) == (0, 1024))
        #expect(plan.range(of: 10) == (10240, 1))
        #expect(try BlockPlan(fileSize: 4096, requestedBlockSize: 1024, path: "p").count == 4)
    }

    @Test("the block size grows in whole MiB so no blob needs more than 50,000 blocks")
    func growth() throws {
        let oneTiB: Int64 = 1 << 40
        let plan = try BlockPlan(fileSize: oneTiB, requestedBlockSize: 8 << 20, path: "p")
        #expect(plan.count <= 50_000)
        #expect(plan.blockSize == 21 << 20, "1 TiB / 50,000 is 20.97 MiB, rounded up to whole MiB")
        #expect(try BlockPlan(fileSize: 50_000 * Int64(8 << 20), requestedBlockSize: 8 << 20, path: "p").blockSize == 8 << 20)
    }

    @Test("a file larger than 50,000 blocks of 4000 MiB is refused as too large")
    func tooLarge() {
        #expect { _ = try BlockPlan(fileSize: 50_000 * Int64(4000 << 20) + 1, requestedBlockSize: 8 << 20, path: "huge.cab") } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.kind == .invalidInput && e.message.contains("huge.cab")
        }
    }

    @Test("block IDs are deterministic, all of one length, and differ by index and by content")
    func ids() {
        let md5a = Array(repeating: UInt8(0xAB), count: 16), md5b = Array(repeating: UInt8(0x01), count: 16)
        let id = BlockPlan.blockID(index: 17, md5: md5a)
        #expect(id == BlockPlan.blockID(index: 17, md5: md5a))
        #expect(id != BlockPlan.blockID(index: 18, md5: md5a))
        #expect(id != BlockPlan.blockID(index: 17, md5: md5b))
        let lengths = Set([0, 9, 99_999, 49_999].map { BlockPlan.blockID(index: $0, md5: md5b).utf8.count })
        #expect(lengths == [64])
        #expect(String(decoding: Data(base64Encoded: id)!, as: UTF8.self) == "hwsubmit-b00017-" + String(repeating: "ab", count: 16))
        #expect(!id.contains("="), "48 bytes make base64 without padding")
    }

    @Test("CRC-64 block IDs name index, CRC and length, have the MD5 IDs' length, and never equal them")
    func crcIDs() {
        let crc = CRC64(value: 0x0123_4567_89AB_CDEF)
        let id = BlockPlan.blockID(index: 17, length: 8 << 20, crc64: crc)
        #expect(id == BlockPlan.blockID(index: 17, length: 8 << 20, crc64: crc))
        #expect(id != BlockPlan.blockID(index: 18, length: 8 << 20, crc64: crc))
        #expect(id != BlockPlan.blockID(index: 17, length: 8 << 20, crc64: CRC64(value: 1)))
        #expect(id != BlockPlan.blockID(index: 17, length: 1, crc64: crc))
        #expect(String(decoding: Data(base64Encoded: id)!, as: UTF8.self) == "hwsubmit-c00017-0123456789abcdef-l00000008388608")
        let lengths = Set([(0, 1, CRC64()), (49_999, 4000 << 20, CRC64(value: .max))].map {
            BlockPlan.blockID(index: $0.0, length: $0.1, crc64: $0.2).utf8.count
        })
        #expect(lengths == [64], "one length for every block, the same as the MD5 form's")
        #expect(id != BlockPlan.blockID(index: 17, md5: Array(repeating: 0, count: 16)))
    }
}
