/// What an upload did: the size and checksums of what the blob now holds, how it was sent, and
/// what an earlier, interrupted run had already sent.
public struct UploadResult: Sendable, Hashable {
    /// How the file went up.
    public enum Method: String, Sendable, Hashable {
        /// One Put Blob (files up to ``TransferOptions/singlePutThreshold``).
        case singlePut
        /// Put Block for each block, then Put Block List.
        case blocks
    }

    public var method: Method
    /// The file's size, which the committed blob was checked to have.
    public var bytes: Int64
    /// What each block (or the single Put Blob) carried for the service to check.
    public var checksum: TransferChecksum
    /// The CRC-64 of the whole file (``CRC64``), base64: composed from the blocks' own at no
    /// extra cost, for the caller's records (the service keeps no whole-blob CRC-64).
    public var contentCRC64: String
    /// The MD5 of the whole file, base64 (as in `Content-MD5`), when it was computed: with
    /// ``TransferOptions/fileMD5``, or for a single Put Blob with ``TransferChecksum/md5``.
    public var contentMD5: String?
    /// The block size used (after growing it for very large files); 0 for a single Put Blob.
    public var blockSize: Int
    /// Blocks of the file (0 for a single Put Blob).
    public var blockCount: Int
    /// Blocks sent by this run.
    public var blocksSent: Int
    /// Blocks an earlier run had already put, found by Get Block List and not sent again.
    public var blocksResumed: Int
    /// Bytes sent by this run (request bodies, retries not counted twice).
    public var bytesSent: Int64
    /// Requests sent again after a transient failure.
    public var retries: Int
    /// Fresh SAS URLs fetched after the storage service refused the one in use.
    public var urlRefreshes: Int
    /// From the first request to the verified commit.
    public var duration: Duration

    public init(
        method: Method, bytes: Int64, checksum: TransferChecksum, contentCRC64: String, contentMD5: String?, blockSize: Int, blockCount: Int, blocksSent: Int,
        blocksResumed: Int, bytesSent: Int64, retries: Int, urlRefreshes: Int, duration: Duration
    ) {
        self.method = method
        self.bytes = bytes
        self.checksum = checksum
        self.contentCRC64 = contentCRC64
        self.contentMD5 = contentMD5
        self.blockSize = blockSize
        self.blockCount = blockCount
        self.blocksSent = blocksSent
        self.blocksResumed = blocksResumed
        self.bytesSent = bytesSent
        self.retries = retries
        self.urlRefreshes = urlRefreshes
        self.duration = duration
    }

    /// Bytes per second over the whole upload, resumed blocks not counted.
    public var bytesPerSecond: Double {
        duration > .zero ? Double(bytesSent) / duration.seconds : 0
    }
}
