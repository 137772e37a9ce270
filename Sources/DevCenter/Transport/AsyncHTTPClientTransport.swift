import AsyncHTTPClient
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The production transport: AsyncHTTPClient on the process's shared event loop group.
///
/// The `HTTPClient` is made on the first request, so a program that never talks to the service
/// (an interpreter running a script that does not touch `hdc`) never pays for it.
/// ``shared`` is never shut down; an instance you make yourself must be, with ``shutdown()``.
public final class AsyncHTTPClientTransport: HTTPTransport {
    /// Connection settings of the underlying HTTP client.
    public struct Configuration: Sendable {
        public var connectTimeout: Duration
        /// Connections kept per host; parallel block uploads want several.
        public var maximumConnectionsPerHost: Int
        public var idleTimeout: Duration

        public init(connectTimeout: Duration = .seconds(15), maximumConnectionsPerHost: Int = 16, idleTimeout: Duration = .seconds(60)) {
            self.connectTimeout = connectTimeout
            self.maximumConnectionsPerHost = maximumConnectionsPerHost
            self.idleTimeout = idleTimeout
        }
    }

    /// The process-wide transport, created lazily and never shut down.
    public static let shared = AsyncHTTPClientTransport()

    public let configuration: Configuration
    private let client = NIOLockedValueBox<HTTPClient?>(nil)

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    private func httpClient() -> HTTPClient {
        client.withLockedValue { client in
            if let client { return client }
            var config = HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: .init(connect: .init(configuration.connectTimeout)),
                connectionPool: .init(
                    idleTimeout: .init(configuration.idleTimeout),
                    concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.maximumConnectionsPerHost),
                decompression: .enabled(limit: .ratio(50)))
            config.httpVersion = .automatic
            // A refused connection fails at once; DevCenter's retry rules back off and try again,
            // and say so in the log, instead of the request hanging until its deadline.
            config.connectionPool.retryConnectionEstablishment = false
            let made = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: config)
            client = made
            return made
        }
    }

    /// Shuts the HTTP client down, if one was made. Not for ``shared``.
    public func shutdown() async throws {
        let made = client.withLockedValue { client -> HTTPClient? in
            defer { client = nil }
            return client
        }
        try await made?.shutdown()
    }

    public func send(_ request: TransportRequest, logger: Logger) async throws -> TransportResponse {
        try await exchange(request, streaming: false) { _ in }
    }

    public func send(
        _ request: TransportRequest, logger: Logger, receivingBody receive: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> TransportResponse {
        try await exchange(request, streaming: true, receive: receive)
    }

    /// An error thrown by a body receiver, kept apart from the transport's own failures.
    private struct ReceiverError: Error {
        var underlying: any Error
    }

    /// One exchange; with `streaming`, a 2xx body goes to `receive` instead of the response.
    private func exchange(
        _ request: TransportRequest, streaming: Bool, receive: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .init(rawValue: request.method)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        let tracker = BodyWriteTracker(request.payload)
        if let body = tracker.body {
            outgoing.body = .stream(body, length: .known(Int64(body.count)))
        }
        let operation = "\(request.method) \(Self.pathForMessages(request.url))"
        do {
            let response = try await httpClient().execute(outgoing, timeout: .init(request.timeout), logger: nil)
            var headers = TransportHeaders()
            for header in response.headers { headers.add(header.name, header.value) }
            let status = Int(response.status.code)
            if streaming, (200..<300).contains(status) {
                for try await chunk in response.body {
                    do {
                        try chunk.withUnsafeReadableBytes { try receive($0) }
                    } catch {
                        throw ReceiverError(underlying: error)
                    }
                }
                return TransportResponse(status: status, headers: headers)
            }
            let body = try await response.body.collect(upTo: request.maximumResponseBytes)
            return TransportResponse(status: status, headers: headers, body: Array(buffer: body))
        } catch let error as ReceiverError {
            throw error.underlying
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as NIOTooManyBytesError {
            throw DevCenterError.invalidResponse(
                operation: operation, detail: "the answer is larger than \(request.maximumResponseBytes) bytes (\(error))")
        } catch {
            if Task.isCancelled { throw CancellationError() }
            // A request whose body was never pulled is incomplete at the server, which cannot act on it.
            let unsent = (request.payload?.count ?? 0) > 0 && !tracker.started
            throw Self.classify(
                error, operation: operation, timeout: request.timeout, bodyUnsent: unsent, host: Self.host(of: request.url))
        }
    }

    /// Maps AsyncHTTPClient's and NIO's errors to ``DevCenterError`` with what is known about
    /// delivery, naming `host` (`login.microsoftonline.com`, `127.0.0.1:8080`) when it is known.
    static func classify(
        _ error: any Error, operation: String, timeout: Duration, bodyUnsent: Bool, host: String? = nil
    ) -> DevCenterError {
        let text = reason(error)
        let otherwise: DevCenterError.Delivery = bodyUnsent ? .notSent : .uncertain
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout,
                .httpProxyHandshakeTimeout:
                return .network(operation: operation, underlying: text, delivery: .notSent, host: host)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .timeout(operation: operation, after: timeout, delivery: otherwise)
            case .cancelled:
                return .network(operation: operation, underlying: "the request was cancelled", delivery: otherwise, host: host)
            default:
                return .network(operation: operation, underlying: text, delivery: otherwise, host: host)
            }
        }
        if error is NIOConnectionError { return .network(operation: operation, underlying: text, delivery: .notSent, host: host) }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .network(operation: operation, underlying: text, delivery: .notSent, host: host)
        }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode) {
            return .network(operation: operation, underlying: text, delivery: .notSent, host: host)
        }
        return .network(operation: operation, underlying: text, delivery: otherwise, host: host)
    }

    /// What went wrong, in words, without the type names and stray punctuation of the errors'
    /// own descriptions (NIO's `IOError` prints "connection reset (error set): Connection refused) (errno: 111)").
    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as IOError:
            return "\(String(cString: strerror(error.errnoCode))) (errno \(error.errnoCode))"
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return reason(first.error) }
            if let dns = error.dnsAAAAError ?? error.dnsAError { return "the name \(error.host) could not be resolved (\(reason(dns)))" }
            return "no connection to \(error.host):\(error.port) could be made"
        case let error as HTTPClientError:
            switch error {
            case .remoteConnectionClosed: return "the server closed the connection before answering in full"
            case .connectTimeout: return "no connection could be made in time"
            case .getConnectionFromPoolTimeout: return "no connection became free in time"
            case .tlsHandshakeTimeout: return "the TLS handshake took too long"
            default: break
            }
        case let error as ChannelError:
            if case .connectTimeout(let limit) = error { return "no connection within \(limit.nanoseconds / 1_000_000_000) s" }
        default:
            break
        }
        return Redactor.standard.redact(String(describing: error))
    }

    /// `host` or `host:port` of `url`, for messages.
    static func host(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else { return nil }
        return components.port.map { "\(host):\($0)" } ?? host
    }

    /// The URL without its query, which may hold a SAS signature.
    static func pathForMessages(_ url: String) -> String {
        String(url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? Substring(url))
    }
}

/// Hands the request body to the HTTP client, noting whether it began pulling it: before that,
/// nothing was sent.
///
/// The body is handed out once and not kept: a buffer the caller reuses for its next request
/// (the transfer engine's blocks) is then referenced by nobody once it has been written, and
/// reusing it does not copy it.
final class BodyWriteTracker: Sendable {
    private let state: NIOLockedValueBox<(started: Bool, payload: TransportRequest.Payload?)>

    init(_ payload: TransportRequest.Payload?) { state = NIOLockedValueBox((false, payload)) }

    var started: Bool { state.withLockedValue { $0.started } }

    /// The body for the HTTP client, or `nil` when the request has none.
    var body: TrackedBody? {
        state.withLockedValue { $0.payload }.map { TrackedBody(tracker: self, count: $0.count) }
    }

    /// The body, the first time; `nil` after.
    fileprivate func take() -> TransportRequest.Payload? {
        state.withLockedValue { s in
            s.started = true
            defer { s.payload = nil }
            return s.payload
        }
    }

    /// The body as the HTTP client pulls it: a buffer whole (sent from its own storage, never
    /// copied: how the transfer engine's blocks go), bytes in slices copied as they are pulled.
    struct TrackedBody: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        static let sliceSize = 64 << 10
        let tracker: BodyWriteTracker
        let count: Int

        func makeAsyncIterator() -> Iterator { Iterator(tracker: tracker) }

        struct Iterator: AsyncIteratorProtocol {
            let tracker: BodyWriteTracker
            var taken = false
            var bytes: [UInt8] = []
            var offset = 0
            /// A file body, read a slice at a time as the client pulls it.
            var file: FileHandle?

            init(tracker: BodyWriteTracker) { self.tracker = tracker }

            mutating func next() async throws -> ByteBuffer? {
                if !taken {
                    taken = true
                    switch tracker.take() {
                    case .buffer(let buffer)?: return buffer.readableBytes > 0 ? buffer : nil
                    case .bytes(let all)?: bytes = all
                    case .file(let path, _)?:
                        guard let handle = FileHandle(forReadingAtPath: path) else {
                            throw DevCenterError.localFile(errno: ENOENT, "open", path, forWriting: false)
                        }
                        file = handle
                    case nil: return nil
                    }
                }
                if let file {
                    guard let data = try file.read(upToCount: TrackedBody.sliceSize), !data.isEmpty else {
                        try? file.close()
                        self.file = nil
                        return nil
                    }
                    return ByteBuffer(bytes: data)
                }
                guard offset < bytes.count else { return nil }
                let end = Swift.min(bytes.count, offset + TrackedBody.sliceSize)
                defer { offset = end }
                return ByteBuffer(bytes: bytes[offset..<end])
            }
        }
    }
}
