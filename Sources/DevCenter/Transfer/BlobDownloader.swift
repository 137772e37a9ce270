import Foundation
import Logging

/// Downloads a blob through a SAS URL to a file: parallel ranged GETs streamed into a
/// temporary file beside the target, checked against the blob's `Content-MD5`, flushed and
/// renamed into place.
///
/// ```swift
/// let downloader = BlobDownloader(logger: logger)
/// let result = try await downloader.download(from: signed.downloadURL(.signedPackage)!, to: "out/signed.zip")
/// ```
///
/// - Memory: ranges stream to disk through the HTTP client's small buffers, whatever their size.
/// - Integrity: the blob's properties (size, `Content-MD5`, `ETag`) are read first; every range
///   must come from the same `ETag` and be complete, and the file's MD5 must match when the
///   service gives one.
/// - Failures: each range is retried alone under ``TransferOptions/retryPolicy``; a failure that
///   retries cannot fix, a mismatch, or a cancelled task removes the temporary file, so nothing
///   is left under the final name (a file already there stays as it was).
/// - An expired URL is replaced through `freshURL` when given; otherwise the download fails with
///   ``DevCenterError/Kind/urlExpired``.
public struct BlobDownloader: Sendable {
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

    /// The blob's properties, as Get Blob Properties reports them.
    private struct Properties {
        var size: Int64
        var md5: String?
        var etag: String?
    }

    /// Downloads the blob of the SAS URL `url` to the file `path` (replacing it on success).
    /// A page of the dashboard (a certification report) is not fetched: that fails at once with
    /// ``DevCenterError/dashboardPage(_:what:)``.
    ///
    /// - Parameters:
    ///   - progress: called with bytes done, total and rate at a bounded frequency.
    ///   - freshURL: called when the storage service refuses the URL (it expired): returns a new
    ///     SAS URL for the same blob.
    public func download(
        from url: String, to path: String, progress: TransferProgressHandler? = nil,
        freshURL: FreshSASURLProvider? = nil
    ) async throws -> DownloadResult {
        do {
            if SASURL.isDashboardPage(url) { throw DevCenterError.dashboardPage(url) }
            return try await performDownload(from: url, to: path, progress: progress, freshURL: freshURL)
        } catch let error as DevCenterError {
            throw error.with(correlationID: correlationID)
        }
    }

    private func performDownload(
        from url: String, to path: String, progress: TransferProgressHandler?, freshURL: FreshSASURLProvider?
    ) async throws -> DownloadResult {
        try options.validate()
        let started = clock.now
        let requester = BlobRequester(
            url: url, freshURL: freshURL, options: options, transport: transport, clock: clock, logger: logger)
        let source = requester.url
        let reporter = ProgressReporter(
            direction: .download, totalBytes: 0, interval: options.progressInterval, clock: clock, handler: progress)
        let file = try PartialFile(finalPath: path)
        do {
            reporter.enter(.preparing)
            let properties = try await self.properties(requester)
            reporter.setTotal(properties.size)
            logger.info("downloading \(source.blobPath) (\(ByteCount.format(properties.size))) to \(path)")
            try file.reserve(properties.size)
            reporter.enter(.transferring)
            let (requests, md5) = try await fetch(properties, into: file, requester, reporter)
            var verified = false
            if let expected = md5 ?? properties.md5 {
                reporter.enter(.verifying)
                let actual = Data(try await file.md5(size: properties.size)).base64EncodedString()
                guard actual == expected else {
                    throw DevCenterError.downloadDigestMismatch(
                        operation: "GET \(source.blobPath)", path: path, expected: expected, actual: actual)
                }
                verified = true
            }
            try await file.commit()
            let result = DownloadResult(
                path: path, bytes: properties.size, contentMD5: md5 ?? properties.md5, md5Verified: verified,
                requests: requests, retries: requester.retries.withLockedValue { $0 }, urlRefreshes: source.refreshes,
                duration: clock.now - started)
            reporter.enter(.done)
            logger.info(
                "downloaded \(path): \(ByteCount.format(result.bytes)) in \(result.duration.humanReadable) (\(ByteCount.format(Int64(result.bytesPerSecond)))/s), MD5 \(verified ? "verified" : "not given by the service")")
            return result
        } catch {
            file.discard()
            if error is CancellationError { logger.notice("download to \(path) cancelled; nothing was written there") }
            throw error
        }
    }

    private func properties(_ requester: BlobRequester) async throws -> Properties {
        let response = try await requester.send(BlobRequester.Call(
            method: "HEAD", purpose: "Get Blob Properties", operationClass: .read))
        guard let size = response.headers["Content-Length"].flatMap(Int64.init), size >= 0 else {
            throw DevCenterError.invalidResponse(
                operation: "HEAD \(requester.url.blobPath)", detail: "the answer has no Content-Length", status: response.status)
        }
        return Properties(size: size, md5: response.headers["Content-MD5"], etag: response.headers["ETag"])
    }

    /// Fetches every byte into `file`: one GET for a small blob, ranges in parallel for a large
    /// one. Returns the number of ranges and the `Content-MD5` of a whole-blob GET.
    private func fetch(
        _ properties: Properties, into file: PartialFile, _ requester: BlobRequester, _ reporter: ProgressReporter
    ) async throws -> (requests: Int, md5: String?) {
        guard properties.size > 0 else { return (0, nil) }
        let operation = "GET \(requester.url.blobPath)"
        if properties.size <= Int64(options.singlePutThreshold) {
            let writer = RangeWriter(file: file, offset: 0, length: Int(properties.size), reporter: reporter, operation: operation)
            let response = try await requester.send(
                BlobRequester.Call(method: "GET", purpose: "Get Blob", operationClass: .read), streamingTo: writer)
            try checkSameBlob(response, properties, operation: operation, path: file.finalPath)
            return (1, response.headers["Content-MD5"])
        }
        let rangeSize = Int64(options.blockSize)
        let count = Int((properties.size + rangeSize - 1) / rangeSize)
        let queue = BlockIndexQueue(count: count)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<min(options.concurrency, count) {
                group.addTask {
                    while let index = queue.next() {
                        let start = Int64(index) * rangeSize
                        let length = Int(min(rangeSize, properties.size - start))
                        let writer = RangeWriter(file: file, offset: start, length: length, reporter: reporter, operation: operation)
                        let range = "bytes=\(start)-\(start + Int64(length) - 1)"
                        var headers: TransportHeaders = ["x-ms-range": range, "Range": range]
                        if let etag = properties.etag { headers.add("If-Match", etag) }
                        let response: TransportResponse
                        do {
                            response = try await requester.send(
                                BlobRequester.Call(
                                    method: "GET", headers: headers, purpose: "Get Blob range \(index + 1) of \(count)",
                                    operationClass: .read),
                                streamingTo: writer)
                        } catch let error as DevCenterError where error.status == 412 {
                            throw DevCenterError.blobChanged(operation: operation, path: file.finalPath)
                        }
                        try checkSameBlob(response, properties, operation: operation, path: file.finalPath)
                    }
                }
            }
            while try await group.next() != nil {}
        }
        return (count, nil)
    }

    /// A range from another version of the blob (its ETag changed) spoils the file.
    private func checkSameBlob(_ response: TransportResponse, _ properties: Properties, operation: String, path: String) throws {
        if let expected = properties.etag, let etag = response.headers["ETag"], etag != expected {
            throw DevCenterError.blobChanged(operation: operation, path: path)
        }
    }
}
