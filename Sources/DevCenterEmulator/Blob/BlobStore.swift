import Crypto
import DevCenter
import Foundation
import Hummingbird

/// Block blobs kept on disk in a per-instance directory: committed blobs, and the uncommitted
/// blocks waiting for a Put Block List.
///
/// Bodies stream from the socket to files and back; no upload is held in memory whole.
final class BlobStore: Sendable {
    struct Key: Hashable, Sendable, Comparable {
        var container: String
        var name: String
        static func < (a: Key, b: Key) -> Bool { (a.container, a.name) < (b.container, b.name) }
    }

    /// A block's ID (base64, as sent) and size.
    struct BlockInfo: Sendable, Equatable {
        var id: String
        var size: Int
    }

    /// A committed blob.
    struct Blob: Sendable {
        enum Content: Sendable {
            case file(URL)
            case bytes(Data)
        }
        var content: Content
        var size: Int
        var contentMD5: Data?
        var contentType: String
        var etag: String
        var created: Date
        var lastModified: Date
        /// The blocks it was committed from, with their offsets in `content`.
        var committedBlocks: [(info: BlockInfo, offset: Int)]
    }

    /// A file written from a request body.
    struct StagedFile: Sendable {
        var url: URL
        var size: Int
        var md5: Data?
        var crc64: CRC64?
    }

    /// The digests a request body is hashed with on its way to disk.
    struct Digests: OptionSet, Sendable {
        let rawValue: Int
        static let md5 = Digests(rawValue: 1)
        static let crc64 = Digests(rawValue: 2)
    }

    static let maxBlocksPerBlob = 50_000
    static let maxUncommittedBlocks = 100_000

    let directory: URL
    private let clock: EmulatorClock
    private let state = LockedValue<(blobs: [Key: Blob], blocks: [Key: [String: (BlockInfo, URL)]], serial: Int)>(([:], [:], 0))

    init(clock: EmulatorClock) throws {
        self.clock = clock
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hwsubmit-emulator-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Removes every file; called when the emulator stops.
    func removeAll() {
        state.withLock { $0 = ([:], [:], 0) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Forgets every blob and block (the directory stays, emptied).
    func reset() {
        let files = state.withLock { s -> [URL] in
            var urls = s.blobs.values.compactMap { blob -> URL? in
                if case .file(let url) = blob.content { return url }
                return nil
            }
            urls += s.blocks.values.flatMap { $0.values.map(\.1) }
            s.blobs = [:]
            s.blocks = [:]
            return urls
        }
        for url in files { try? FileManager.default.removeItem(at: url) }
    }

    func newFileURL(_ kind: String) -> URL {
        let serial = state.withLock { s -> Int in
            s.serial += 1
            return s.serial
        }
        return directory.appendingPathComponent("\(kind)-\(serial)")
    }

    private func newETag() -> String {
        let n = state.withLock { s -> Int in
            s.serial += 1
            return s.serial
        }
        return "\"0x8DD" + String(UInt64(clock.now.timeIntervalSince1970 * 1000) &* 16 &+ UInt64(n), radix: 16, uppercase: true) + "\""
    }

    /// Streams a request body to a new file, hashing it on the way with the digests asked for.
    func stage(_ body: RequestBody, digests: Digests, limit: Int) async throws -> StagedFile {
        let url = newFileURL("upload")
        let writer = try BlobFileWriter(url: url)
        var md5 = digests.contains(.md5) ? Insecure.MD5() : nil
        var crc64 = digests.contains(.crc64) ? CRC64() : nil
        var size = 0
        do {
            for try await buffer in body {
                size += buffer.readableBytes
                if size > limit {
                    throw HTTPFailure.blob(.contentTooLarge, "RequestBodyTooLarge",
                                           "The request body is too large and exceeds the maximum permissible limit (\(limit) bytes).")
                }
                try buffer.withUnsafeReadableBytes { raw in
                    md5?.update(bufferPointer: raw)
                    crc64?.update(raw)
                    try writer.write(raw)
                }
            }
            try writer.close()
        } catch {
            try? writer.close()
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        return StagedFile(url: url, size: size, md5: md5.map { Data($0.finalize()) }, crc64: crc64)
    }

    func discard(_ file: StagedFile) { try? FileManager.default.removeItem(at: file.url) }

    func blob(_ key: Key) -> Blob? { state.withLock { $0.blobs[key] } }

    /// Commits a whole blob (Put Blob, or a generated artifact), replacing any blob and pending blocks.
    @discardableResult
    func putBlob(_ key: Key, content: Blob.Content, size: Int, md5: Data?, contentType: String) -> Blob {
        let now = clock.now
        let blob = Blob(content: content, size: size, contentMD5: md5, contentType: contentType, etag: newETag(),
                        created: now, lastModified: now, committedBlocks: [])
        let old = state.withLock { s -> [URL] in
            var urls: [URL] = []
            if let previous = s.blobs[key], case .file(let url) = previous.content { urls.append(url) }
            var replacement = blob
            replacement.created = s.blobs[key]?.created ?? now
            s.blobs[key] = replacement
            urls += (s.blocks.removeValue(forKey: key) ?? [:]).values.map(\.1)
            return urls
        }
        for url in old where url != fileURL(of: blob) { try? FileManager.default.removeItem(at: url) }
        return blob
    }

    private func fileURL(of blob: Blob) -> URL? {
        if case .file(let url) = blob.content { return url }
        return nil
    }

    /// Stages one block (Put Block). Block IDs of one blob must all have the same length.
    func putBlock(_ key: Key, id: String, file: StagedFile) throws(HTTPFailure) {
        let replaced = try state.withLock { s throws(HTTPFailure) -> URL? in
            var blocks = s.blocks[key] ?? [:]
            let existingLength = blocks.values.first?.0.id.count ?? s.blobs[key]?.committedBlocks.first?.info.id.count
            if let existingLength, existingLength != id.count {
                throw .blob(.badRequest, "InvalidBlobOrBlock",
                            "The specified blob or block content is invalid: every block ID of a blob must have the same length (this one has \(id.count) characters, the others \(existingLength)).")
            }
            if blocks[id] == nil, blocks.count >= Self.maxUncommittedBlocks {
                throw .blob(.conflict, "BlockCountExceedsLimit",
                            "The uncommitted block count cannot exceed the maximum limit of \(Self.maxUncommittedBlocks) blocks.")
            }
            let old = blocks[id]?.1
            blocks[id] = (BlockInfo(id: id, size: file.size), file.url)
            s.blocks[key] = blocks
            return old
        }
        if let replaced { try? FileManager.default.removeItem(at: replaced) }
    }

    /// The committed and uncommitted blocks of a blob; `nil` when there is neither a blob nor a block.
    func blockList(_ key: Key) -> (committed: [BlockInfo], uncommitted: [BlockInfo])? {
        state.withLock { s in
            let blob = s.blobs[key]
            let pending = s.blocks[key]
            if blob == nil && pending == nil { return nil }
            return (blob?.committedBlocks.map(\.info) ?? [],
                    (pending ?? [:]).values.map(\.0).sorted { $0.id < $1.id })
        }
    }

    /// Commits the blocks named in `references` as the blob's new content (Put Block List).
    ///
    /// The blocks are copied into one file outside the lock, so that the blob is one file the
    /// pipeline can open. `expectedMD5` (from `x-ms-blob-content-md5`) becomes the blob's
    /// `Content-MD5`; the emulator checks it against the copied bytes (hashing them only then),
    /// which Azure does not: there it is stored as sent, each block having been checked alone.
    func commitBlockList(_ key: Key, references: [XMLText.BlockReference], contentType: String, expectedMD5: Data?) throws -> Blob {
        guard references.count <= Self.maxBlocksPerBlob else {
            throw HTTPFailure.blob(.badRequest, "InvalidBlockList",
                                   "The specified block list is invalid: it names \(references.count) blocks; a blob holds at most \(Self.maxBlocksPerBlob).")
        }
        struct Segment { var url: URL; var offset: Int; var info: BlockInfo }
        let segments = try state.withLock { s throws(HTTPFailure) -> [Segment] in
            let pending = s.blocks[key] ?? [:]
            let blob = s.blobs[key]
            let committed = Dictionary(blob?.committedBlocks.map { ($0.info.id, $0) } ?? [], uniquingKeysWith: { a, _ in a })
            return try references.map { ref throws(HTTPFailure) -> Segment in
                func fromCommitted() -> Segment? {
                    guard let blob, case .file(let url) = blob.content, let c = committed[ref.id] else { return nil }
                    return Segment(url: url, offset: c.offset, info: c.info)
                }
                func fromPending() -> Segment? {
                    pending[ref.id].map { Segment(url: $0.1, offset: 0, info: $0.0) }
                }
                let found: Segment?
                switch ref {
                case .committed: found = fromCommitted()
                case .uncommitted: found = fromPending()
                case .latest: found = fromPending() ?? fromCommitted()
                }
                guard let found else {
                    throw .blob(.badRequest, "InvalidBlockList",
                                "The specified block list is invalid: block '\(ref.id)' was not uploaded (or not in the list the reference names). Put the block first, then commit the list.")
                }
                return found
            }
        }
        let url = newFileURL("blob")
        let writer = try BlobFileWriter(url: url)
        var md5 = expectedMD5 == nil ? nil : Insecure.MD5()
        var offset = 0
        var committedBlocks: [(info: BlockInfo, offset: Int)] = []
        do {
            for segment in segments {
                if md5 == nil {
                    try writer.append(from: segment.url, offset: segment.offset, length: segment.info.size)
                } else {
                    try BlobFileReader.copy(from: segment.url, offset: segment.offset, length: segment.info.size) { chunk in
                        md5?.update(bufferPointer: chunk)
                        try writer.write(chunk)
                    }
                }
                committedBlocks.append((segment.info, offset))
                offset += segment.info.size
            }
            try writer.close()
        } catch {
            try? writer.close()
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        if let expectedMD5, let md5, expectedMD5 != Data(md5.finalize()) {
            try? FileManager.default.removeItem(at: url)
            throw HTTPFailure.blob(.badRequest, "Md5Mismatch",
                                   "The MD5 value specified in the request (x-ms-blob-content-md5) did not match with the MD5 value calculated by the server for the committed blocks.")
        }
        var blob = putBlob(key, content: .file(url), size: offset, md5: expectedMD5, contentType: contentType)
        blob.committedBlocks = committedBlocks
        state.withLock { s in s.blobs[key]?.committedBlocks = committedBlocks }
        return blob
    }

    /// A summary of every blob and pending block list, for the admin state dump.
    func summary() -> JSONValue {
        state.withLock { s in
            let keys = Set(s.blobs.keys).union(s.blocks.keys).sorted()
            return .array(keys.map { key in
                var entry: [String: JSONValue] = ["container": .string(key.container), "name": .string(key.name)]
                if let blob = s.blobs[key] {
                    entry["size"] = .integer(Int64(blob.size))
                    entry["committedBlocks"] = .integer(Int64(blob.committedBlocks.count))
                }
                entry["uncommittedBlocks"] = .integer(Int64(s.blocks[key]?.count ?? 0))
                return .object(entry)
            })
        }
    }
}
