import Foundation

/// How a file is cut into blocks for Put Block, and the ID of each block.
///
/// A block's ID is derived from its index and a checksum of its content, all IDs of one length
/// (as the storage service requires), base64-encoded: `hwsubmit-c00017-<CRC-64, 16 hex
/// digits>-l<length, 14 digits>` when blocks carry CRC-64s, `hwsubmit-b00017-<MD5, 32 hex
/// digits>` when they carry MD5s. So a second run of the same upload computes the same IDs,
/// finds in Get Block List the blocks an interrupted run already sent, and sends only the others;
/// a block whose bytes changed gets a new ID and is sent again. Both forms have one length, so a
/// run with the other checksum resends the blocks rather than clearing the blob.
struct BlockPlan: Sendable, Hashable {
    let fileSize: Int64
    let blockSize: Int
    let count: Int

    /// The length of every block ID before base64: 48 bytes, so the base64 has no padding.
    static let rawIDLength = 48

    /// Plans `fileSize` bytes in blocks of `requestedBlockSize`, grown in whole MiB when the
    /// file would otherwise need more than 50,000 blocks.
    init(fileSize: Int64, requestedBlockSize: Int, path: String) throws {
        let maximumCount = Int64(TransferOptions.maximumBlockCount)
        var size = Int64(max(1, requestedBlockSize))
        if (fileSize + size - 1) / size > maximumCount {
            let needed = (fileSize + maximumCount - 1) / maximumCount
            let mebibyte = Int64(1 << 20)
            size = (needed + mebibyte - 1) / mebibyte * mebibyte
        }
        guard size <= Int64(TransferOptions.maximumBlockSize) else { throw DevCenterError.fileTooLarge(path, size: fileSize) }
        self.fileSize = fileSize
        self.blockSize = Int(size)
        self.count = Int((fileSize + size - 1) / size)
    }

    /// The bytes of block `index`.
    func range(of index: Int) -> (offset: Int64, length: Int) {
        let offset = Int64(index) * Int64(blockSize)
        return (offset, Int(min(Int64(blockSize), fileSize - offset)))
    }

    /// The block ID (base64) of block `index` whose content has MD5 `digest`.
    static func blockID(index: Int, md5 digest: some Sequence<UInt8>) -> String {
        let hex = digest.map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
        return Data("hwsubmit-b\(padded(index, 5))-\(hex)".utf8).base64EncodedString()
    }

    /// The block ID (base64) of block `index`, `length` bytes long, whose content has CRC-64 `crc`.
    static func blockID(index: Int, length: Int, crc64 crc: CRC64) -> String {
        let hex = String(crc.value, radix: 16)
        let text = "hwsubmit-c\(padded(index, 5))-\(String(repeating: "0", count: 16 - hex.count) + hex)-l\(padded(length, 14))"
        return Data(text.utf8).base64EncodedString()
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
