import Crypto
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// Uploads a file to a block blob through a SAS URL: one Put Blob for a small file, parallel
/// Put Block requests then Put Block List for a larger one, resuming an interrupted upload.
///
/// ```swift
/// let uploader = BlobUploader(options: TransferOptions(concurrency: 8), logger: logger)
/// let result = try await uploader.upload(file: "build/contoso.cab", to: submission.uploadURL!,
///     progress: { print($0) },
///     freshURL: { try await client.submission(productID: p, submissionID: s).uploadURL! })
/// ```
///
/// - Memory: at most ``TransferOptions/concurrency`` blocks are in memory at once, read from
///   disk as they are sent, whatever the size of the file.
/// - Integrity: every block (or the single Put Blob) carries its CRC-64 (`x-ms-content-crc64`),
///   or its `Content-MD5` with ``TransferOptions/checksum`` `.md5`, which the service checks;
///   the committed blob's size (and MD5, when the service reports one) is checked before the
///   upload counts as done. The whole file's CRC-64 is composed from the blocks'; its MD5 is
///   computed, in the same pass that reads the blocks, only with ``TransferOptions/fileMD5``.
/// - Failures: each request is retried alone under ``TransferOptions/retryPolicy``; one that
///   retries cannot fix fails the whole upload with a ``DevCenterError`` saying which block and
///   what to do. Nothing is committed then, and a rerun sends only the missing blocks.
/// - Resume: block IDs come from each block's index and checksum (``BlockPlan``), so a rerun asks
///   Get Block List first and skips the blocks already there.
/// - An expired URL (403 `AuthenticationFailed`) is replaced through `freshURL` when given,
///   keeping the blocks already sent; otherwise the upload fails with
///   ``DevCenterError/Kind/urlExpired``.
/// - Cancelling the task stops the upload promptly with `CancellationError`; the blocks sent so
///   far stay at the service for the next run.
public struct BlobUploader: Sendable {
    public var options: TransferOptions
    public let transport: any HTTPTransport
    public let clock: DevCenterClock
    /// Every line has SAS signatures (and any other secret) removed.
    public let logger: Logger
    /// The `MS-CorrelationId` put in every error of a transfer; a client's uploaders and
    /// downloaders carry the client's.
    public var correlationID: String?

    public init(
        options: TransferOptions = TransferOptions(), transport: any HTTPTransport = AsyncHTTPClientTransport.shared,
        clock: DevCenterClock = .system,
        logger: Logger = Logger(label: "hwsubmit.transfer", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.options = options
        self.transport = transport
        self.clock = clock
        self.logger = logger.redacting(with: .standard)
    }

    /// Uploads the file at `path` to the blob of the SAS URL `url`.
    ///
    /// - Parameters:
    ///   - progress: called with bytes done, total and rate at most once per
    ///     ``TransferOptions/progressInterval``, at each phase, and at the end.
    ///   - freshURL: called when the storage service refuses the URL (it expired): returns a new
    ///     SAS URL for the same blob, and the upload goes on with the blocks already sent.
    public func upload(
        file path: String, to url: String, progress: TransferProgressHandler? = nil,
        freshURL: FreshSASURLProvider? = nil
    ) async throws -> UploadResult {
        do {
            return try await performUpload(file: path, to: url, progress: progress, freshURL: freshURL)
        } catch let error as DevCenterError {
            throw error.with(correlationID: correlationID)
        }
    }

    private func performUpload(
        file path: String, to url: String, progress: TransferProgressHandler?, freshURL: FreshSASURLProvider?
    ) async throws -> UploadResult {
        try options.validate()
        let file = try SourceFile(path: path)
        let started = clock.now
        let requester = BlobRequester(
            url: url, freshURL: freshURL, options: options, transport: transport, clock: clock, logger: logger)
        let target = requester.url
        let reporter = ProgressReporter(
            direction: .upload, totalBytes: file.size, interval: options.progressInterval, clock: clock, handler: progress)
        reporter.enter(.preparing)
        logger.info("uploading \(path) (\(ByteCount.format(file.size))) to \(target.blobPath)")
        var result: UploadResult
        do {
            if file.size <= Int64(options.singlePutThreshold) {
                result = try await putWhole(file, requester, reporter)
            } else {
                result = try await putBlocks(file, requester, reporter)
            }
            reporter.enter(.verifying)
            try await verify(requester, size: file.size, md5: result.contentMD5)
        } catch is CancellationError {
            logger.notice("upload of \(path) cancelled at \(reporter.current); running it again sends only what is missing")
            throw CancellationError()
        }
        result.retries = requester.retries.withLockedValue { $0 }
        result.urlRefreshes = target.refreshes
        result.duration = clock.now - started
        reporter.enter(.done)
        let how = result.method == .singlePut
            ? "in one Put Blob"
            : "\(result.blocksSent) of \(result.blockCount) blocks sent, \(result.blocksResumed) already there"
        let retries = result.retries == 1 ? "1 retry" : "\(result.retries) retries"
        logger.info(
            "uploaded \(path): \(ByteCount.format(file.size)) in \(result.duration.humanReadable) (\(ByteCount.format(Int64(result.bytesPerSecond)))/s), \(how), \(retries)")
        return result
    }

    // MARK: Small files

    private func putWhole(_ file: SourceFile, _ requester: BlobRequester, _ reporter: ProgressReporter) async throws -> UploadResult {
        var bytes = ByteBuffer()
        try file.read(Int(file.size), at: 0, into: &bytes)
        let crc = bytes.withUnsafeReadableBytes { CRC64(of: $0) }
        let md5 = options.checksum == .md5 || options.fileMD5 ? Data(Self.md5(of: bytes)).base64EncodedString() : nil
        var headers: TransportHeaders = ["x-ms-blob-type": "BlockBlob"]
        headers.add(options.checksum.header, options.checksum == .md5 ? md5! : crc.base64)
        if let md5 { headers.add("x-ms-blob-content-md5", md5) }
        reporter.enter(.transferring)
        _ = try await requester.send(BlobRequester.Call(
            method: "PUT", headers: headers, body: .buffer(bytes), purpose: "Put Blob of \(file.path)",
            operationClass: .idempotentWrite))
        reporter.moved(bytes.readableBytes)
        return UploadResult(
            method: .singlePut, bytes: file.size, checksum: options.checksum, contentCRC64: crc.base64, contentMD5: md5,
            blockSize: 0, blockCount: 0, blocksSent: 0, blocksResumed: 0, bytesSent: file.size, retries: 0,
            urlRefreshes: 0, duration: .zero)
    }

    // MARK: Blocks

    /// What the workers of one block upload share.
    private final class BlockProgress: Sendable {
        struct Counts {
            var ids: [String]
            /// Each block's CRC-64, from which the whole file's is composed.
            var crcs: [CRC64]
            var sent = 0
            var resumed = 0
            var bytesSent: Int64 = 0
        }
        let counts: NIOLockedValueBox<Counts>

        let queue: BlockIndexQueue

        init(blockCount: Int) {
            counts = NIOLockedValueBox(Counts(
                ids: Array(repeating: "", count: blockCount), crcs: Array(repeating: CRC64(), count: blockCount)))
            queue = BlockIndexQueue(count: blockCount)
        }
    }

    private func putBlocks(_ file: SourceFile, _ requester: BlobRequester, _ reporter: ProgressReporter) async throws -> UploadResult {
        let plan = try BlockPlan(fileSize: file.size, requestedBlockSize: options.blockSize, path: file.path)
        if plan.blockSize != options.blockSize {
            logger.info("blocks of \(ByteCount.format(Int64(plan.blockSize))) for \(file.path): a blob holds at most \(TransferOptions.maximumBlockCount) blocks")
        }
        let existing = try await blocksAlreadyThere(requester, plan: plan)
        reporter.enter(.transferring)
        let shared = BlockProgress(blockCount: plan.count)
        // The whole file's MD5 needs the blocks in order; without it, no block waits for another.
        let digest = options.fileMD5 ? OrderedDigest() : nil
        let workers = min(options.concurrency, plan.count)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<workers {
                    group.addTask {
                        // One buffer per worker for all its blocks: memory stays at concurrency
                        // times the block size, and the allocator is not churned.
                        var buffer = ByteBuffer()
                        while let index = shared.queue.next() {
                            try await putBlock(index, into: &buffer, plan, file, existing, digest, shared, requester, reporter)
                        }
                    }
                }
                while try await group.next() != nil {}
            }
        } catch {
            digest?.abandon(error)
            throw error
        }
        let md5 = digest.map { Data($0.finalize()).base64EncodedString() }
        let counts = shared.counts.withLockedValue { $0 }
        let crc = CRC64.combine((0..<plan.count).map { (counts.crcs[$0], Int64(plan.range(of: $0).length)) })
        reporter.enter(.committing)
        var headers: TransportHeaders = ["Content-Type": "application/xml; charset=utf-8"]
        if let md5 { headers.add("x-ms-blob-content-md5", md5) }
        do {
            _ = try await requester.send(BlobRequester.Call(
                method: "PUT", query: "comp=blocklist", headers: headers,
                body: .bytes(BlockList.commitBody(counts.ids)), purpose: "Put Block List of \(plan.count) blocks",
                operationClass: .idempotentWrite))
        } catch let error as DevCenterError {
            throw error.inTransfer(
                "Committing the \(plan.count) blocks of \(file.path)",
                advice: "Run the upload again: it sends only the blocks the service does not hold, then commits.")
        }
        return UploadResult(
            method: .blocks, bytes: file.size, checksum: options.checksum, contentCRC64: crc.base64, contentMD5: md5,
            blockSize: plan.blockSize, blockCount: plan.count,
            blocksSent: counts.sent, blocksResumed: counts.resumed, bytesSent: counts.bytesSent, retries: 0,
            urlRefreshes: 0, duration: .zero)
    }

    /// Reads block `index` into `buffer`, adds it to the file's digest (when there is one), and
    /// puts it unless an earlier run did.
    private func putBlock(
        _ index: Int, into buffer: inout ByteBuffer, _ plan: BlockPlan, _ file: SourceFile, _ existing: BlockList,
        _ digest: OrderedDigest?, _ shared: BlockProgress, _ requester: BlobRequester, _ reporter: ProgressReporter
    ) async throws {
        let (offset, length) = plan.range(of: index)
        try file.read(length, at: offset, into: &buffer)
        let bytes = buffer
        let crc = bytes.withUnsafeReadableBytes { CRC64(of: $0) }
        let id: String
        let check: String
        switch options.checksum {
        case .crc64:
            id = BlockPlan.blockID(index: index, length: length, crc64: crc)
            check = crc.base64
        case .md5:
            let md5 = Self.md5(of: bytes)
            id = BlockPlan.blockID(index: index, md5: md5)
            check = Data(md5).base64EncodedString()
        }
        try await digest?.add(bytes, index: index)
        shared.counts.withLockedValue {
            $0.ids[index] = id
            $0.crcs[index] = crc
        }
        if existing.size(of: id) == length {
            shared.counts.withLockedValue { $0.resumed += 1 }
            reporter.resumed(length)
            return
        }
        do {
            _ = try await requester.send(BlobRequester.Call(
                method: "PUT", query: "comp=block&blockid=\(Redactor.percentEncoded(id))",
                headers: [options.checksum.header: check], body: .buffer(bytes),
                purpose: "Put Block \(index + 1) of \(plan.count)", operationClass: .idempotentWrite))
        } catch let error as DevCenterError {
            let there = shared.counts.withLockedValue { $0.sent + $0.resumed }
            throw error.inTransfer(
                "Uploading \(file.path): block \(index + 1) of \(plan.count) (bytes \(offset)-\(offset + Int64(length) - 1))",
                advice: "The \(there) block\(there == 1 ? "" : "s") already at the service are kept: run the upload again and only the missing ones are sent.")
        }
        shared.counts.withLockedValue {
            $0.sent += 1
            $0.bytesSent += Int64(length)
        }
        reporter.moved(length)
    }

    /// The blocks already at the service (Get Block List), to skip; clears blocks of another
    /// client whose IDs have another length, which would refuse ours.
    private func blocksAlreadyThere(_ requester: BlobRequester, plan: BlockPlan) async throws -> BlockList {
        let list: BlockList
        do {
            let response = try await requester.send(BlobRequester.Call(
                method: "GET", query: "comp=blocklist&blocklisttype=all", purpose: "Get Block List", operationClass: .read))
            guard let parsed = BlockList(xml: response.bodyText) else {
                throw DevCenterError.invalidResponse(
                    operation: "GET \(requester.url.blobPath)?comp=blocklist", detail: "the answer is not a block list", status: response.status)
            }
            list = parsed
        } catch let error as DevCenterError where error.kind == .notFound {
            return BlockList()
        }
        let idLength = (BlockPlan.rawIDLength + 2) / 3 * 4
        if list.hasIDs(otherThan: idLength) {
            logger.notice("the blob holds blocks of another client; replacing them with an empty blob before uploading")
            _ = try await requester.send(BlobRequester.Call(
                method: "PUT", headers: ["x-ms-blob-type": "BlockBlob"], body: .bytes([]), purpose: "Put Blob (empty, to clear foreign blocks)",
                operationClass: .idempotentWrite))
            return BlockList()
        }
        if !list.isEmpty {
            logger.info("the blob already holds \(list.uncommitted.count) uncommitted and \(list.committed.count) committed blocks; those of this file are not sent again")
        }
        return list
    }

    private static func md5(of buffer: ByteBuffer) -> [UInt8] {
        var md5 = Insecure.MD5()
        buffer.withUnsafeReadableBytes { md5.update(bufferPointer: $0) }
        return Array(md5.finalize())
    }

    // MARK: Verification

    /// Checks the committed blob's size, and its MD5 when the service reports one and the upload
    /// computed it.
    private func verify(_ requester: BlobRequester, size: Int64, md5: String?) async throws {
        let response = try await requester.send(BlobRequester.Call(
            method: "HEAD", purpose: "Get Blob Properties (to verify the upload)", operationClass: .read))
        let operation = "HEAD \(requester.url.blobPath)"
        guard let length = response.headers["Content-Length"].flatMap(Int64.init) else {
            throw DevCenterError.invalidResponse(operation: operation, detail: "the answer has no Content-Length", status: response.status)
        }
        guard length == size else {
            throw DevCenterError.uploadNotVerified(operation: operation, detail: "it has \(length) bytes, the file \(size)")
        }
        if let md5, let reported = response.headers["Content-MD5"], reported != md5 {
            throw DevCenterError.uploadNotVerified(operation: operation, detail: "its Content-MD5 is \(reported), the file's \(md5)")
        }
    }
}
