/// How a package moves to or from a SAS URL: when to split it into blocks, how big they are,
/// how many travel at once, how failures are retried and how often progress is reported.
///
/// Memory follows from these: an upload holds at most `concurrency` blocks (or, at or under
/// `singlePutThreshold`, the whole file) in memory; a download streams each range to disk
/// through small buffers.
public struct TransferOptions: Sendable, Hashable {
    /// Files up to this size go in one request (Put Blob, or one GET); larger ones in blocks or
    /// ranges. Default 8 MiB; at most ``maximumSinglePutThreshold``.
    public var singlePutThreshold: Int
    /// The size of each block (upload) or range (download). Default 8 MiB. An upload grows it,
    /// in whole MiB, when the file would otherwise need more than 50,000 blocks.
    public var blockSize: Int
    /// Blocks or ranges in flight at once. Default 4.
    public var concurrency: Int
    /// The retry rules for each request on its own (a block, a range, the block list): a block
    /// that fails is retried alone, and the transfer fails only when its retries are spent.
    public var retryPolicy: RetryPolicy
    /// How long one request may take, from sending to the last byte of the answer. Raise it
    /// for large blocks on a slow link. Default 5 minutes.
    public var requestTimeout: Duration
    /// The progress handler is called at most once per interval (and on each change of phase,
    /// and at the end). Default half a second.
    public var progressInterval: Duration
    /// How many times a transfer may get a fresh URL from its provider after the storage service
    /// refused the one it had (an expired SAS). Default 3.
    public var maximumURLRefreshes: Int
    /// What each block of an upload carries for the service to check. Default ``TransferChecksum/crc64``.
    public var checksum: TransferChecksum
    /// Whether an upload also computes the whole file's MD5, in the same pass that reads the
    /// blocks, and sends it with the commit (`x-ms-blob-content-md5`) to become the blob's
    /// `Content-MD5`, which downloads then check. The service stores that value without checking
    /// it (each block was checked on its own), and it costs about 1.5 seconds of CPU per GiB, so
    /// it is off by default: turn it on when something downstream reads the blob's MD5. A file
    /// up to ``singlePutThreshold`` gets its `Content-MD5` from the service anyway.
    public var fileMD5: Bool

    public static let defaultBlockSize = 8 << 20
    public static let defaultSinglePutThreshold = 8 << 20
    /// Put Blob carries the whole file in one request body held in memory: keep it modest.
    public static let maximumSinglePutThreshold = 256 << 20
    /// The storage service's limits: blocks per blob, and bytes per block.
    public static let maximumBlockCount = 50_000
    public static let maximumBlockSize = 4000 << 20

    public init(
        singlePutThreshold: Int = TransferOptions.defaultSinglePutThreshold,
        blockSize: Int = TransferOptions.defaultBlockSize, concurrency: Int = 4,
        retryPolicy: RetryPolicy = .default, requestTimeout: Duration = .seconds(300),
        progressInterval: Duration = .milliseconds(500), maximumURLRefreshes: Int = 3,
        checksum: TransferChecksum = .crc64, fileMD5: Bool = false
    ) {
        self.singlePutThreshold = singlePutThreshold
        self.blockSize = blockSize
        self.concurrency = concurrency
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.progressInterval = progressInterval
        self.maximumURLRefreshes = maximumURLRefreshes
        self.checksum = checksum
        self.fileMD5 = fileMD5
    }

    /// Problems that make the options unusable, each saying what to change; empty when they are fine.
    public var problems: [String] {
        var problems: [String] = []
        if blockSize < 1 { problems.append("block size must be at least 1 byte (it is \(blockSize))") }
        if blockSize > Self.maximumBlockSize {
            problems.append("block size must be at most \(Self.maximumBlockSize >> 20) MiB, the storage service's limit (it is \(blockSize >> 20) MiB)")
        }
        if concurrency < 1 || concurrency > 64 { problems.append("concurrency must be between 1 and 64 (it is \(concurrency))") }
        if singlePutThreshold < 0 || singlePutThreshold > Self.maximumSinglePutThreshold {
            problems.append("the single-request threshold must be between 0 and \(Self.maximumSinglePutThreshold >> 20) MiB (it is \(singlePutThreshold))")
        }
        if requestTimeout <= .zero { problems.append("the request timeout must be positive") }
        if progressInterval < .zero { problems.append("the progress interval must not be negative") }
        if maximumURLRefreshes < 0 { problems.append("the number of URL refreshes must not be negative") }
        return problems
    }

    /// Throws a ``DevCenterError/Kind/configuration`` error naming every problem.
    func validate() throws {
        guard !problems.isEmpty else { return }
        throw DevCenterError.configuration(
            "The transfer options are invalid: " + problems.joined(separator: "; "),
            advice: "Change the options (block size, concurrency, threshold) and start the transfer again.")
    }
}
