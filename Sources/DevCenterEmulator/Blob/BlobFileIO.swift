import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Appends bytes to a new file through its descriptor, with no buffering of its own.
final class BlobFileWriter {
    private var fd: Int32

    init(url: URL) throws {
        fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw BlobFileError("cannot create \(url.path): \(String(cString: strerror(errno)))") }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw BlobFileError("cannot write a blob file: \(String(cString: strerror(errno))); is the disk full?")
            }
            done += n
        }
    }

    /// Appends `length` bytes of the file at `url` from `offset`, copied by the kernel
    /// (`sendfile`) without passing through this process; by reads and writes where it cannot.
    func append(from url: URL, offset: Int, length: Int) throws {
        let source = open(url.path, O_RDONLY)
        guard source >= 0 else { throw BlobFileError("cannot open \(url.lastPathComponent): \(String(cString: strerror(errno)))") }
        defer { _ = Glibc.close(source) }
        var position = off_t(offset)
        var remaining = length
        while remaining > 0 {
            let n = sendfile(fd, source, &position, remaining)
            if n > 0 {
                remaining -= n
                continue
            }
            if n == 0 { throw BlobFileError("a blob file is shorter than recorded") }
            if errno == EINTR { continue }
            // A kernel or file system that cannot: the plain copy.
            try BlobFileReader.copy(from: url, offset: Int(position), length: remaining) { try write($0) }
            return
        }
    }

    func close() throws {
        guard fd >= 0 else { return }
        let result = Glibc.close(fd)
        fd = -1
        if result != 0 { throw BlobFileError("cannot close a blob file: \(String(cString: strerror(errno)))") }
    }

    deinit { if fd >= 0 { _ = Glibc.close(fd) } }
}

/// Reads a range of a file in fixed-size chunks.
enum BlobFileReader {
    static let chunkSize = 256 * 1024

    /// Calls `body` with successive chunks of `length` bytes of the file starting at `offset`.
    static func copy(from url: URL, offset: Int, length: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw BlobFileError("cannot open \(url.lastPathComponent): \(String(cString: strerror(errno)))") }
        defer { _ = Glibc.close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var position = offset
        var remaining = length
        while remaining > 0 {
            let n = pread(fd, buffer.baseAddress!, min(chunkSize, remaining), off_t(position))
            if n < 0 {
                if errno == EINTR { continue }
                throw BlobFileError("cannot read a blob file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { throw BlobFileError("a blob file is shorter than recorded") }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            position += n
            remaining -= n
        }
    }

    /// One chunk of at most `chunkSize` bytes at `offset`, for streaming a response.
    static func chunk(of url: URL, offset: Int, length: Int) throws -> Data {
        var data = Data()
        try copy(from: url, offset: offset, length: min(length, chunkSize)) { data.append(contentsOf: $0) }
        return data
    }
}

struct BlobFileError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
