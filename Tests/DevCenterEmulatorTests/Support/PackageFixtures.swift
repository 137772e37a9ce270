import DevCenterTestSupport
import Foundation
import ZIPFoundation

/// Driver packages the emulator's tests need beyond DevCenterTestSupport's ``SampleDriverPackage``:
/// the sample with its INF edited, and cabinets.
enum PackageFixtures {
    /// The sample with its INF text changed by `edit`.
    static func sampleZip(editingINF edit: (String) -> String) throws -> [UInt8] {
        var files = try SampleDriverPackage.files()
        files[0].data = Data(edit(String(decoding: files[0].data, as: UTF8.self)).utf8)
        return try SampleDriverPackage.zip(files)
    }

    /// A cabinet of `files` in one folder, stored or MSZIP-compressed (blocks of at most 32 KiB).
    static func cabinet(_ files: [(path: String, data: Data)], mszip: Bool) throws -> [UInt8] {
        var folderData = Data()
        var entries: [(name: String, offset: Int, size: Int)] = []
        for (path, data) in files {
            entries.append((path.replacingOccurrences(of: "/", with: "\\"), folderData.count, data.count))
            folderData.append(data)
        }
        var blocks: [(payload: [UInt8], size: Int)] = []
        var start = 0
        repeat {
            let chunk = folderData.subdata(in: start..<min(folderData.count, start + 32768))
            if mszip {
                var compressed = Data()
                _ = try Data.compress(size: Int64(chunk.count), bufferSize: 65536, provider: { position, size in
                    chunk.subdata(in: Int(position)..<Int(position) + size)
                }, consumer: { compressed.append($0) })
                blocks.append(([0x43, 0x4B] + Array(compressed), chunk.count))
            } else {
                blocks.append((Array(chunk), chunk.count))
            }
            start += 32768
        } while start < folderData.count
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16 & 0xFFFF) }
        let headerSize = 36, folderSize = 8
        var fileTable: [UInt8] = []
        for entry in entries {
            fileTable += u32(entry.size) + u32(entry.offset)
            fileTable += u16(0) + u16(0x5A21) + u16(0x6000) + u16(0x20)
            fileTable += Array(entry.name.utf8) + [0]
        }
        let filesOffset = headerSize + folderSize
        let dataOffset = filesOffset + fileTable.count
        var dataBytes: [UInt8] = []
        for block in blocks { dataBytes += u32(0) + u16(block.payload.count) + u16(block.size) + block.payload }
        let total = dataOffset + dataBytes.count
        var cab: [UInt8] = Array("MSCF".utf8) + u32(0) + u32(total) + u32(0)
        cab += u32(filesOffset) + u32(0) + [3, 1]
        cab += u16(1) + u16(entries.count) + u16(0) + u16(0x1234) + u16(0)
        cab += u32(dataOffset) + u16(blocks.count) + u16(mszip ? 1 : 0)
        cab += fileTable + dataBytes
        return cab
    }
}
