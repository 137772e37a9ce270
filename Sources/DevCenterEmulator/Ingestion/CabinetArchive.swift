import Foundation

/// A Microsoft Cabinet (`MSCF`) driver package: header, folders and file entries, with
/// uncompressed and MSZIP folders decoded. Quantum and LZX folders are refused with a message
/// saying so (docs/emulator.md).
///
/// A folder is decoded once, in order, into a file in the work directory; a file of the cabinet
/// is then a byte range of that folder file. Memory stays at one 32 KiB window.
final class CabinetArchive: DriverPackageArchive {
    private struct Folder {
        var dataOffset: Int
        var blockCount: Int
        var compression: Int
    }

    private struct FileEntry {
        var folder: Int
        var offsetInFolder: Int
        var size: Int
    }

    let files: [PackageFile]
    private let url: URL
    private let bytesSize: Int
    private let folders: [Folder]
    private let entries: [FileEntry]
    private let dataReserve: Int
    private let workDirectory: URL
    private var decodedFolders: [Int: URL] = [:]
    private let maxFolderSize: Int

    init(url: URL, workDirectory: URL, maxFiles: Int, maxFolderSize: Int) throws {
        self.url = url
        self.workDirectory = workDirectory
        self.maxFolderSize = maxFolderSize
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        bytesSize = Int(try handle.seekToEnd())
        // The header, folder table and file table sit at the start; 1 MiB holds any sane cabinet's.
        try handle.seek(toOffset: 0)
        let head = [UInt8](try handle.read(upToCount: 1 << 20) ?? Data())
        var reader = ByteReader(bytes: head)
        guard try reader.bytes(4) == Array("MSCF".utf8) else { throw PackageReadError("the file is not a cabinet (no MSCF signature)") }
        _ = try reader.u32()
        let cabinetSize = Int(try reader.u32())
        _ = try reader.u32()
        let filesOffset = Int(try reader.u32())
        _ = try reader.u32()
        let minor = try reader.u8(), major = try reader.u8()
        let folderCount = Int(try reader.u16())
        let fileCount = Int(try reader.u16())
        let flags = try reader.u16()
        _ = try reader.u16()
        _ = try reader.u16()
        guard major == 1, minor == 3 else { throw PackageReadError("the cabinet has format version \(major).\(minor); only 1.3 exists") }
        guard cabinetSize <= bytesSize else { throw PackageReadError("the cabinet says it is \(cabinetSize) bytes but the file has \(bytesSize); it was cut short") }
        guard flags & 0x3 == 0 else { throw PackageReadError("the cabinet is part of a multi-cabinet set; upload a single cabinet") }
        var folderReserve = 0
        var reserveData = 0
        if flags & 0x4 != 0 {
            let headerReserve = Int(try reader.u16())
            folderReserve = Int(try reader.u8())
            reserveData = Int(try reader.u8())
            _ = try reader.bytes(headerReserve)
        }
        dataReserve = reserveData
        guard fileCount <= maxFiles else { throw PackageReadError("the cabinet holds \(fileCount) files, more than \(maxFiles)") }
        var folders: [Folder] = []
        for _ in 0..<folderCount {
            let offset = Int(try reader.u32())
            let blocks = Int(try reader.u16())
            let compression = Int(try reader.u16())
            _ = try reader.bytes(folderReserve)
            folders.append(Folder(dataOffset: offset, blockCount: blocks, compression: compression))
        }
        self.folders = folders
        reader.position = filesOffset
        var entries: [FileEntry] = []
        var files: [PackageFile] = []
        for i in 0..<fileCount {
            let size = Int(try reader.u32())
            let offset = Int(try reader.u32())
            let folder = Int(try reader.u16())
            _ = try reader.u16()
            _ = try reader.u16()
            let attributes = try reader.u16()
            let nameBytes = try reader.cString(limit: 1024)
            let name = attributes & 0x80 != 0 ? String(decoding: nameBytes, as: UTF8.self) : String(nameBytes.map { Character(Unicode.Scalar($0)) })
            guard folder < folders.count else {
                throw PackageReadError("\(name) continues from or into another cabinet; upload a single cabinet")
            }
            entries.append(FileEntry(folder: folder, offsetInFolder: offset, size: size))
            files.append(PackageFile(path: name.replacingOccurrences(of: "\\", with: "/"), size: UInt64(size), index: i))
        }
        self.entries = entries
        self.files = files
        for folder in folders {
            switch folder.compression & 0xF {
            case 0, 1: continue
            case 2: throw PackageReadError("the cabinet uses Quantum compression, which the emulator does not decode; make the cabinet with MSZIP or no compression (makecab /D CompressionType=MSZIP)")
            case 3: throw PackageReadError("the cabinet uses LZX compression, which the emulator does not decode; make the cabinet with MSZIP or no compression (makecab /D CompressionType=MSZIP)")
            default: throw PackageReadError("the cabinet uses an unknown compression type (\(folder.compression & 0xF))")
            }
        }
    }

    func data(of file: PackageFile, limit: Int) throws -> Data {
        guard file.size <= UInt64(limit) else {
            throw PackageReadError("\(file.path) is \(file.size) bytes, more than the \(limit) bytes allowed for it")
        }
        let entry = entries[file.index]
        let folderFile = try decodedFolder(entry.folder)
        var data = Data()
        try BlobFileReader.copy(from: folderFile, offset: entry.offsetInFolder, length: entry.size) { data.append(contentsOf: $0) }
        return data
    }

    func extract(_ file: PackageFile, to destination: URL) throws {
        let entry = entries[file.index]
        let folderFile = try decodedFolder(entry.folder)
        let writer = try BlobFileWriter(url: destination)
        try BlobFileReader.copy(from: folderFile, offset: entry.offsetInFolder, length: entry.size) { try writer.write($0) }
        try writer.close()
    }

    /// Decodes a folder's CFDATA blocks into one file, once, and checks that every file fits in it.
    private func decodedFolder(_ index: Int) throws -> URL {
        if let url = decodedFolders[index] { return url }
        let folder = folders[index]
        let destination = workDirectory.appendingPathComponent("cab-folder-\(index)")
        let writer = try BlobFileWriter(url: destination)
        defer { try? writer.close() }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var offset = folder.dataOffset
        var total = 0
        var decoder = MSZIPDecoder()
        for block in 0..<folder.blockCount {
            guard offset + 8 + dataReserve <= bytesSize else { throw PackageReadError("CFDATA block \(block) of folder \(index) lies past the end of the cabinet") }
            try handle.seek(toOffset: UInt64(offset))
            let header = [UInt8](try handle.read(upToCount: 8) ?? Data())
            guard header.count == 8 else { throw PackageReadError("the cabinet is cut short in folder \(index)") }
            let compressedSize = Int(header[4]) | Int(header[5]) << 8
            let uncompressedSize = Int(header[6]) | Int(header[7]) << 8
            let payloadOffset = offset + 8 + dataReserve
            guard payloadOffset + compressedSize <= bytesSize else { throw PackageReadError("CFDATA block \(block) of folder \(index) lies past the end of the cabinet") }
            try handle.seek(toOffset: UInt64(payloadOffset))
            let payload = [UInt8](try handle.read(upToCount: compressedSize) ?? Data())
            let plain: [UInt8]
            if folder.compression & 0xF == 0 {
                plain = payload
            } else {
                do {
                    plain = try decoder.decodeBlock(payload)
                } catch {
                    throw PackageReadError("folder \(index) of the cabinet cannot be decompressed: \(error)")
                }
            }
            guard plain.count == uncompressedSize else {
                throw PackageReadError("CFDATA block \(block) of folder \(index) decodes to \(plain.count) bytes, not the \(uncompressedSize) its header says")
            }
            total += plain.count
            guard total <= maxFolderSize else { throw PackageReadError("folder \(index) of the cabinet expands past \(maxFolderSize) bytes") }
            try plain.withUnsafeBytes { try writer.write($0) }
            offset = payloadOffset + compressedSize
        }
        for (i, entry) in entries.enumerated() where entry.folder == index && entry.offsetInFolder + entry.size > total {
            throw PackageReadError("\(files[i].path) reaches past the end of its cabinet folder; the cabinet is corrupt")
        }
        decodedFolders[index] = destination
        return destination
    }
}
