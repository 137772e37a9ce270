import Foundation
import NIOCore

/// One HTTP request as a transport sends it: absolute URL, headers, a buffered body and a timeout.
public struct TransportRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    public var headers: TransportHeaders
    /// The body. A block of a package that the transfer engine read straight into a buffer is
    /// copied when read through this property; ``AsyncHTTPClientTransport`` sends it uncopied.
    public var body: [UInt8]? {
        get { payload?.bytes }
        set { payload = newValue.map(Payload.bytes) }
    }
    /// How long this one attempt may take, from sending to the last byte of the answer.
    public var timeout: Duration
    /// Answers larger than this fail instead of filling memory.
    public var maximumResponseBytes: Int
    /// The body as it is held.
    var payload: Payload?

    /// A request body: bytes, or a buffer the transport can send without copying it.
    enum Payload: Sendable, Hashable {
        case bytes([UInt8])
        case buffer(ByteBuffer)
        /// A whole file, read from disk as it is sent (``AsyncHTTPClientTransport`` streams it).
        case file(path: String, size: Int)

        var bytes: [UInt8] {
            switch self {
            case .bytes(let bytes): return bytes
            case .buffer(let buffer): return buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
            case .file(let path, _): return (FileManager.default.contents(atPath: path)).map { Array($0) } ?? []
            }
        }

        var count: Int {
            switch self {
            case .bytes(let bytes): return bytes.count
            case .buffer(let buffer): return buffer.readableBytes
            case .file(_, let size): return size
            }
        }
    }

    public init(
        method: String, url: String, headers: TransportHeaders = [:], body: [UInt8]? = nil,
        timeout: Duration = .seconds(60), maximumResponseBytes: Int = 32 << 20
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.payload = body.map(Payload.bytes)
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
    }

    /// A request whose body is the file at `path`, `size` bytes long, streamed from disk.
    public init(method: String, url: String, headers: TransportHeaders, fileAt path: String, size: Int, timeout: Duration) {
        self.init(method: method, url: url, headers: headers, timeout: timeout)
        self.payload = .file(path: path, size: size)
    }

    /// A request whose body is `payload`.
    init(method: String, url: String, headers: TransportHeaders, payload: Payload?, timeout: Duration) {
        self.init(method: method, url: url, headers: headers, timeout: timeout)
        self.payload = payload
    }
}
