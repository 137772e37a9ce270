#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import NIOPosix

/// A download in progress: a hidden temporary file beside the final one, written at any
/// offset, then flushed to disk and renamed over the final name in one step. Until
/// ``commit()``, nothing exists under the final name that was not there before; ``discard()``
/// removes the temporary file.
final class PartialFile: Sendable {
    let finalPath: String
    let temporaryPath: String
    private let descriptor: Int32

    /// Creates `.<name>.<random>.partial` in the directory of `finalPath`.
    init(finalPath: String) throws {
        let url = URL(fileURLWithPath: finalPath)
        var info = stat()
        if stat(finalPath, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw DevCenterError.localFile(errno: EISDIR, "write to", finalPath, forWriting: true)
        }
        let directory = url.deletingLastPathComponent().path
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = (directory as NSString).appendingPathComponent(".\(url.lastPathComponent).\(suffix).partial")
        let fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw DevCenterError.localFile(errno: errno, "create a file in", directory, forWriting: true) }
        self.finalPath = finalPath
        self.temporaryPath = temporary
        self.descriptor = fd
    }

    deinit { close(descriptor) }

    /// Sets the file's length up front, so ranges can be written in any order.
    func reserve(_ size: Int64) throws {
        guard ftruncate(descriptor, off_t(size)) == 0 else {
            throw DevCenterError.localFile(errno: errno, "make room for \(size) bytes in", temporaryPath, forWriting: true)
        }
    }

    /// Writes `bytes` at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws {
        var written = 0
        while written < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(offset) + off_t(written))
            if n < 0 {
                if errno == EINTR { continue }
                throw DevCenterError.localFile(errno: errno, "write to", temporaryPath, forWriting: true)
            }
            written += n
        }
    }

    /// The MD5 of the first `size` bytes, read back on NIO's blocking-I/O thread pool.
    func md5(size: Int64) async throws -> [UInt8] {
        let fd = descriptor, path = temporaryPath
        return try await NIOThreadPool.singleton.runIfActive {
            var md5 = Insecure.MD5()
            let chunk = 1 << 20
            var buffer = [UInt8](repeating: 0, count: chunk)
            var offset: Int64 = 0
            while offset < size {
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, Int(min(Int64(chunk), size - offset)), off_t(offset)) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DevCenterError.localFile(errno: errno, "read back", path, forWriting: false)
                }
                if n == 0 { break }
                buffer.withUnsafeBytes { md5.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                offset += Int64(n)
            }
            return Array(md5.finalize())
        }
    }

    /// Flushes the file to disk and renames it to the final name (replacing any file there),
    /// then flushes the directory so the rename survives a crash.
    func commit() async throws {
        let fd = descriptor, temporary = temporaryPath, final = finalPath
        try await NIOThreadPool.singleton.runIfActive {
            guard fsync(fd) == 0 else { throw DevCenterError.localFile(errno: errno, "flush", temporary, forWriting: true) }
            guard rename(temporary, final) == 0 else { throw DevCenterError.localFile(errno: errno, "rename the download to", final, forWriting: true) }
            let directory = URL(fileURLWithPath: final).deletingLastPathComponent().path
            let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dirfd >= 0 {
                _ = fsync(dirfd)
                close(dirfd)
            }
        }
    }

    /// Removes the temporary file (after a failure).
    func discard() { unlink(temporaryPath) }
}
