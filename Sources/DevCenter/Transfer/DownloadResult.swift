/// What a download wrote, and how it was checked.
public struct DownloadResult: Sendable, Hashable {
    /// The file written (the path asked for).
    public var path: String
    public var bytes: Int64
    /// The blob's `Content-MD5` (base64), when the service gave one.
    public var contentMD5: String?
    /// Whether the file's MD5 was computed and matched ``contentMD5``; `false` when the service
    /// gave no MD5 to check against.
    public var md5Verified: Bool
    /// GET requests that carried the bytes (one, or one per range).
    public var requests: Int
    /// Requests sent again after a transient failure.
    public var retries: Int
    /// Fresh SAS URLs fetched after the storage service refused the one in use.
    public var urlRefreshes: Int
    public var duration: Duration

    public init(
        path: String, bytes: Int64, contentMD5: String?, md5Verified: Bool, requests: Int, retries: Int,
        urlRefreshes: Int, duration: Duration
    ) {
        self.path = path
        self.bytes = bytes
        self.contentMD5 = contentMD5
        self.md5Verified = md5Verified
        self.requests = requests
        self.retries = retries
        self.urlRefreshes = urlRefreshes
        self.duration = duration
    }

    /// Bytes per second over the whole download.
    public var bytesPerSecond: Double {
        duration > .zero ? Double(bytes) / duration.seconds : 0
    }
}
