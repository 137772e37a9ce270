#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// A file being uploaded: opened once, read block by block at any offset, by several tasks at once.
final class SourceFile: Sendable {
    let path: String
    let size: Int64
    private let descriptor: Int32

    /// Opens `path` for reading; a missing or unreadable file, or a directory, is a
    /// ``DevCenterError/Kind/localFile`` error saying so.
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DevCenterError.localFile(errno: errno, "open", path, forWriting: false) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw DevCenterError.localFile(errno: code, "read the size of", path, forWriting: false)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw DevCenterError.notARegularFile(path)
        }
        descriptor = fd
        size = Int64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads `count` bytes at `offset` into `buffer`, replacing what it held. A worker reuses one
    /// buffer for all its blocks, so memory does not churn through the allocator; the transport
    /// sends the buffer from its own storage. A file that has become shorter is an error (it
    /// changed during the upload).
    ///
    /// The read blocks its thread for as long as the disk takes (a millisecond or two for a
    /// block in the page cache); handing the buffer to a thread pool would cost a copy instead.
    func read(_ count: Int, at offset: Int64, into buffer: inout ByteBuffer) throws {
        buffer.clear()
        var done = 0
        while done < count {
            let n = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count - done) { raw -> Int in
                while true {
                    let n = pread(descriptor, raw.baseAddress!, count - done, off_t(offset) + off_t(done))
                    if n >= 0 { return n }
                    if errno != EINTR { throw DevCenterError.localFile(errno: errno, "read", path, forWriting: false) }
                }
            }
            if n == 0 { throw DevCenterError.fileChanged(path, expectedAtLeast: offset + Int64(count)) }
            done += n
        }
    }
}
