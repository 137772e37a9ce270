import Foundation
import Logging
import NIOConcurrencyHelpers

/// Sends the requests of one transfer to its blob: the headers every Blob Storage request
/// carries, the retry rules applied to each request alone, and a fresh SAS URL when the storage
/// service refuses the one in use.
struct BlobRequester: Sendable {
    /// The Blob Storage REST version sent as `x-ms-version`.
    static let serviceVersion = "2021-08-06"

    let transport: any HTTPTransport
    let url: TransferURL
    let runner: RetryRunner
    let clock: DevCenterClock
    let logger: Logger
    let timeout: Duration
    /// Attempts beyond the first, over every request of the transfer.
    let retries = NIOLockedValueBox(0)

    init(transport: any HTTPTransport, url: TransferURL, runner: RetryRunner, clock: DevCenterClock, logger: Logger, timeout: Duration) {
        self.transport = transport
        self.url = url
        self.runner = runner
        self.clock = clock
        self.logger = logger
        self.timeout = timeout
    }

    /// The requester of one transfer to or from `url`, under `options`.
    init(
        url: String, freshURL: FreshSASURLProvider?, options: TransferOptions, transport: any HTTPTransport,
        clock: DevCenterClock, logger: Logger
    ) {
        self.init(
            transport: transport, url: TransferURL(url, provider: freshURL, maximumRefreshes: options.maximumURLRefreshes),
            runner: RetryRunner(policy: options.retryPolicy, clock: clock), clock: clock, logger: logger,
            timeout: options.requestTimeout)
    }

    /// One request to the blob.
    struct Call: Sendable {
        var method: String
        /// Added to the SAS URL's query: `comp=block&blockid=…`.
        var query: String?
        var headers: TransportHeaders = [:]
        var body: TransportRequest.Payload?
        /// What the request is for, in log lines and errors: `PUT block 17 of 128`.
        var purpose: String
        var operationClass: OperationClass
    }

    /// Sends `call` under the retry rules; a refused SAS URL is replaced through the provider
    /// and the request sent again. Any answer outside 2xx that retries cannot fix is thrown as
    /// ``DevCenterError/blobResponse(status:body:headers:operation:url:now:freshURLHint:)``.
    func send(_ call: Call) async throws -> TransportResponse {
        try await send(call, streamingTo: Optional<NoReceiver>.none)
    }

    /// Like ``send(_:)``, with a successful answer's body streamed to `receiver` (told when each
    /// attempt begins, so it can start over).
    func send<Receiver: StreamedBodyReceiver>(_ call: Call, streamingTo receiver: Receiver?) async throws -> TransportResponse {
        let operation = "\(call.method) \(url.blobPath)"
        while true {
            let current = url.current
            do {
                return try await runner.run("\(call.purpose) (\(operation))", as: call.operationClass, logger: logger) { attempt in
                    if attempt > 1 { retries.withLockedValue { $0 += 1 } }
                    return try await exchange(call, url: current.url, operation: operation, receiver: receiver)
                }
            } catch let error as DevCenterError where Self.isSASRefusal(error) {
                let replacement: TransferURL.Current?
                do {
                    replacement = try await url.replacement(for: current.generation, operation: operation, logger: logger)
                } catch let failure as DevCenterError {
                    throw failure.inTransfer("The SAS URL was refused (\(error.message)), and getting a fresh one failed")
                }
                guard replacement != nil else {
                    let tried = url.refreshes
                    if tried == 0 { throw error }
                    throw error.inTransfer(
                        "Still refused after \(tried) fresh URL\(tried == 1 ? "" : "s")",
                        advice: "The fresh URLs were refused too: check that the submission still accepts uploads.")
                }
            }
        }
    }

    /// 403 `AuthenticationFailed`: the SAS expired or was revoked, which a fresh URL may fix.
    static func isSASRefusal(_ error: DevCenterError) -> Bool {
        guard error.status == 403 else { return false }
        return error.serviceCode == nil || error.serviceCode?.rawValue.lowercased() == "authenticationfailed"
    }

    private func exchange<Receiver: StreamedBodyReceiver>(
        _ call: Call, url sasURL: String, operation: String, receiver: Receiver?
    ) async throws -> TransportResponse {
        var headers = call.headers
        headers.replace("x-ms-version", with: Self.serviceVersion)
        headers.replace("User-Agent", with: HWSubmitVersion.userAgent)
        let clientRequestID = UUID().uuidString.lowercased()
        headers.replace("x-ms-client-request-id", with: clientRequestID)
        let separator = sasURL.contains("?") ? "&" : "?"
        let request = TransportRequest(
            method: call.method, url: sasURL + (call.query.map { separator + $0 } ?? ""), headers: headers,
            payload: call.body, timeout: timeout)
        let started = clock.now
        let response: TransportResponse
        do {
            if let receiver {
                receiver.beginAttempt()
                response = try await transport.send(request, logger: logger) { try receiver.receive($0) }
            } else {
                response = try await transport.send(request, logger: logger)
            }
        } catch var error as DevCenterError {
            error.requestID = error.requestID ?? clientRequestID
            if error.kind == .network {
                error.advice = DevCenterError.networkAdvice(
                    host: AsyncHTTPClientTransport.host(of: sasURL), setting: "the SAS URL the service handed out (its storage host)")
            }
            logger.debug("\(call.purpose) failed: \(error.message)", metadata: ["x-ms-client-request-id": "\(clientRequestID)"])
            throw error
        }
        logger.debug(
            "\(call.purpose) answered \(response.status) in \((clock.now - started).humanReadable)",
            metadata: ["x-ms-client-request-id": "\(clientRequestID)", "x-ms-request-id": "\(response.headers["x-ms-request-id"] ?? "-")"])
        guard response.isSuccess else {
            var error = DevCenterError.blobResponse(
                status: response.status, body: response.body, headers: response.headers, operation: operation,
                url: sasURL, now: clock.date)
            error.retryAfter = RetryAfter.parse(response.headers, now: clock.date)
            error.requestID = error.requestID ?? clientRequestID
            throw error
        }
        if let receiver { try receiver.finishAttempt(operation: operation) }
        return response
    }
}
