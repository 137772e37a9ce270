#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension DevCenterError {
    /// A local file that could not be opened, read, written or renamed, from the `errno` of the
    /// failed call, with advice for the usual causes.
    ///
    /// - Parameter action: what was being done, as a verb phrase: "open", "read", "write to".
    public static func localFile(errno code: Int32, _ action: String, _ path: String, forWriting: Bool) -> DevCenterError {
        let reason = String(cString: strerror(code))
        let advice: String
        switch code {
        case ENOENT:
            advice = forWriting
                ? "Check that the directory exists (relative paths start from the current directory)."
                : "Check the path (relative paths start from the current directory) and that the file was built."
        case EACCES, EPERM:
            advice = forWriting ? "Check that you may write to the directory." : "Check that you may read the file."
        case ENOSPC, EDQUOT:
            advice = "Free some space on that disk, or choose another directory, and start the transfer again."
        case EISDIR:
            advice = "Give the path of a file, not of a directory."
        default:
            advice = "Check the file and the disk, then start the transfer again."
        }
        return DevCenterError(
            kind: .localFile, message: "Could not \(action) \(path): \(reason)", advice: advice, retryable: false,
            operation: "\(action) \(path)", delivery: .notSent)
    }

    /// A path that names something other than a regular file.
    static func notARegularFile(_ path: String) -> DevCenterError {
        DevCenterError(
            kind: .localFile, message: "\(path) is not a regular file", advice: "Give the path of the package file itself.",
            retryable: false, operation: "open \(path)", delivery: .notSent)
    }

    /// A file that became shorter while it was being uploaded.
    static func fileChanged(_ path: String, expectedAtLeast bytes: Int64) -> DevCenterError {
        DevCenterError(
            kind: .localFile,
            message: "\(path) changed while it was being uploaded: it is no longer \(bytes) bytes or more",
            advice: "Let whatever writes the file finish, then upload it again; blocks already sent that are still valid are not sent again.",
            retryable: false, operation: "read \(path)", delivery: .notSent)
    }

    /// A file larger than a block blob can hold.
    static func fileTooLarge(_ path: String, size: Int64) -> DevCenterError {
        let limit = Int64(TransferOptions.maximumBlockCount) * Int64(TransferOptions.maximumBlockSize)
        return DevCenterError(
            kind: .invalidInput,
            message: "\(path) is \(ByteCount.format(size)), more than a block blob holds (\(ByteCount.format(limit)))",
            advice: "Split the package; the storage service allows 50,000 blocks of at most 4000 MiB each.",
            retryable: false, operation: "upload \(path)", delivery: .notSent)
    }

    /// A download whose bytes do not hash to the MD5 the service gave for the blob.
    static func downloadDigestMismatch(operation: String, path: String, expected: String, actual: String) -> DevCenterError {
        DevCenterError(
            kind: .invalidResponse,
            message: "\(operation) delivered bytes whose MD5 (\(actual)) is not the blob's Content-MD5 (\(expected)); nothing was written to \(path)",
            advice: "The data was damaged on the way, or the blob changed during the download: download it again.",
            serviceCode: ServiceErrorCode(rawValue: "Md5Mismatch"), retryable: true, operation: operation, delivery: .answered)
    }

    /// A blob whose ETag changed between the requests of one download.
    static func blobChanged(operation: String, path: String) -> DevCenterError {
        DevCenterError(
            kind: .invalidState,
            message: "\(operation): the blob changed while it was being downloaded (its ETag changed); nothing was written to \(path)",
            advice: "Download it again once whatever writes it has finished.",
            retryable: true, operation: operation, delivery: .answered)
    }

    /// An answer whose body ended before the length it announced.
    static func shortBody(operation: String, received: Int, expected: Int) -> DevCenterError {
        .network(operation: operation, underlying: "the answer ended after \(received) of \(expected) bytes", delivery: .uncertain)
    }

    /// A committed blob that is not what was uploaded.
    static func uploadNotVerified(operation: String, detail: String) -> DevCenterError {
        DevCenterError(
            kind: .invalidResponse, message: "\(operation): the committed blob is not the file: \(detail)",
            advice: "Upload the file again; if it happens again, report it with the request ID.",
            retryable: false, operation: operation, delivery: .answered)
    }

    /// A download whose URL is a page of the dashboard rather than a blob: the
    /// `certificationReport` of a submission. Such a page needs a browser signed in to Partner
    /// Center; the API's credentials cannot fetch it, so nothing is sent.
    ///
    /// - Parameter what: what the URL is, for the message ("The certificationReport of submission 12").
    public static func dashboardPage(_ url: String, what: String = "The URL") -> DevCenterError {
        DevCenterError(
            kind: .forbidden,
            message: "\(what) is a page of the Hardware Dev Center dashboard, not a file the API can download: \(url)",
            advice: "Open that URL in a browser signed in to Partner Center with an account of the organization, and save the report from there.",
            retryable: false, operation: "GET \(AsyncHTTPClientTransport.pathForMessages(url))", delivery: .notSent,
            nextStep: .openInBrowser(url: url))
    }

    /// This error with what the transfer was doing put in front of its message, and `advice`
    /// added after its own.
    func inTransfer(_ context: String, advice more: String? = nil) -> DevCenterError {
        var copy = self
        copy.message = "\(context): \(message)"
        if let more { copy.advice = advice.isEmpty ? more : "\(advice) \(more)" }
        return copy
    }
}
