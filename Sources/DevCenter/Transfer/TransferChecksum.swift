/// What every block of an upload (or its single Put Blob) carries for the storage service to
/// check the bytes against, so that data damaged on the way is refused rather than stored.
public enum TransferChecksum: String, Sendable, Hashable, CaseIterable {
    /// `x-ms-content-crc64`, Azure Storage's CRC-64 (``CRC64``): computed at several GB/s, the
    /// default. The storage service refuses a mismatch with `400 Crc64Mismatch`.
    case crc64
    /// `Content-MD5`, for accounts or tools that want MD5: about 1.5 seconds of CPU per GiB on
    /// the reference machine, on each side. A mismatch is `400 Md5Mismatch`.
    case md5

    /// The request header that carries it.
    public var header: String {
        switch self {
        case .crc64: "x-ms-content-crc64"
        case .md5: "Content-MD5"
        }
    }
}
