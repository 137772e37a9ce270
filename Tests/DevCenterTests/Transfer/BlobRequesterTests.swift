@testable import DevCenter
import DevCenterTestSupport
import Foundation
import Logging
import NIOCore
import Testing

@Suite("Blob requests: headers, retries for each request, fresh URLs")
struct BlobRequesterTests {
    static let sas = "https://acct.blob.core.windows.net/c/package?sv=2021-08-06&se=2099-01-01T00%3A00%3A00Z&sr=b&sp=rwl&sig=SECRETSIG"

    func requester(_ transport: InMemoryTransport, clock: VirtualClock = VirtualClock(), provider: FreshSASURLProvider? = nil) -> BlobRequester {
        BlobRequester(
            transport: transport, url: TransferURL(Self.sas, provider: provider, maximumRefreshes: 2),
            runner: RetryRunner(policy: RetryPolicy(maximumAttempts: 3, initialDelay: .seconds(1), jitter: .none), clock: clock.devCenterClock),
            clock: clock.devCenterClock, logger: Logger(label: "test"), timeout: .seconds(10))
    }

    static func refused(_ code: String, detail: String = "") -> TransportResponse {
        TransportResponse(
            status: 403, headers: ["x-ms-error-code": code],
            body: Array("<Error><Code>\(code)</Code><Message>Server failed to authenticate the request.</Message><AuthenticationErrorDetail>\(detail)</AuthenticationErrorDetail></Error>".utf8))
    }

    @Test("every request names the REST version, hwsubmit and a client request ID, and keeps the SAS query")
    func headers() async throws {
        let transport = InMemoryTransport { _ in TransportResponse(status: 201) }
        _ = try await requester(transport).send(BlobRequester.Call(
            method: "PUT", query: "comp=block&blockid=QUFB", headers: ["Content-MD5": "x"], body: .buffer(ByteBuffer(bytes: [1, 2])),
            purpose: "Put Block 1 of 1",
            operationClass: .idempotentWrite))
        let sent = try #require(transport.requests.first)
        #expect(sent.url == Self.sas + "&comp=block&blockid=QUFB")
        #expect(sent.headers["x-ms-version"] == BlobRequester.serviceVersion)
        #expect(sent.headers["User-Agent"]?.contains("hwsubmit") == true)
        #expect(sent.headers["x-ms-client-request-id"]?.count == 36)
        #expect(sent.headers["Content-MD5"] == "x")
        #expect(sent.body == [1, 2], "a buffer body reads as its bytes")
    }

    @Test("a 503 is retried after its back-off; the retry is counted")
    func retried() async throws {
        let calls = Counter()
        let clock = VirtualClock()
        let transport = InMemoryTransport { _ in calls.next() == 1 ? TransportResponse(status: 503) : TransportResponse(status: 201) }
        let r = requester(transport, clock: clock)
        _ = try await r.send(BlobRequester.Call(method: "PUT", purpose: "Put Blob", operationClass: .idempotentWrite))
        #expect(calls.count == 2 && r.retries.withLockedValue { $0 } == 1)
        #expect(clock.sleeps == [.seconds(1)])
    }

    @Test("403 AuthenticationFailed gets a fresh URL and the request again; a permission refusal does not")
    func refreshed() async throws {
        let transport = InMemoryTransport { request in
            request.url.contains("sig=SECRETSIG") ? Self.refused("AuthenticationFailed", detail: "Signed expiry time [x] has expired") : TransportResponse(status: 201)
        }
        let fresh = "https://acct.blob.core.windows.net/c/package?sv=2021-08-06&sp=rwl&sig=NEWSIG"
        let r = requester(transport, provider: { fresh })
        _ = try await r.send(BlobRequester.Call(method: "PUT", query: "comp=block&blockid=QUFB", purpose: "Put Block", operationClass: .idempotentWrite))
        #expect(transport.requests.map(\.url) == [Self.sas + "&comp=block&blockid=QUFB", fresh + "&comp=block&blockid=QUFB"])
        #expect(r.url.refreshes == 1)

        let mismatch = InMemoryTransport { _ in Self.refused("AuthorizationPermissionMismatch") }
        let calls = Counter()
        await #expect {
            _ = try await requester(mismatch, provider: { calls.next(); return fresh })
                .send(BlobRequester.Call(method: "PUT", purpose: "Put Blob", operationClass: .idempotentWrite))
        } throws: { error in
            (error as? DevCenterError)?.status == 403
        }
        #expect(calls.count == 0 && mismatch.requests.count == 1)
    }

    @Test("an expired URL with no provider is urlExpired, with advice and no signature")
    func expiredWithoutProvider() async {
        let transport = InMemoryTransport { _ in Self.refused("AuthenticationFailed", detail: "Signed expiry time [x] has expired") }
        await #expect {
            _ = try await requester(transport).send(BlobRequester.Call(method: "HEAD", purpose: "Get Blob Properties", operationClass: .read))
        } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.kind == .urlExpired && e.description.contains("fresh URL") && !e.description.contains("SECRETSIG")
                && e.operation == "HEAD https://acct.blob.core.windows.net/c/package"
        }
    }

    @Test("a provider that fails ends the request with its error, in context")
    func providerFails() async {
        let transport = InMemoryTransport { _ in Self.refused("AuthenticationFailed") }
        let r = requester(transport, provider: { throw DevCenterError.configuration("no network", advice: "plug it in") })
        await #expect {
            _ = try await r.send(BlobRequester.Call(method: "PUT", purpose: "Put Blob", operationClass: .idempotentWrite))
        } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.message.hasPrefix("The SAS URL was refused") && e.message.contains("no network")
        }
    }

    @Test("an uploader given a plain logger logs retries and fresh URLs without any signature")
    func logsRedacted() async throws {
        let calls = Counter()
        let transport = InMemoryTransport { request in
            switch (request.method, calls.next()) {
            case ("PUT", 1): return TransportResponse(status: 503)
            case ("PUT", 2): return Self.refused("AuthenticationFailed", detail: "Signed expiry time [x] has expired")
            case ("HEAD", _): return TransportResponse(status: 200, headers: ["Content-Length": "3"])
            default: return TransportResponse(status: 201)
            }
        }
        let capture = LogCapture()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hwsubmit-log-\(UUID().uuidString)").path
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let uploader = BlobUploader(
            options: TransferOptions(retryPolicy: RetryPolicy(initialDelay: .milliseconds(1), jitter: .none)),
            transport: transport, clock: VirtualClock().devCenterClock, logger: capture.logger)
        _ = try await uploader.upload(file: file, to: Self.sas, freshURL: { Self.sas.replacingOccurrences(of: "SECRETSIG", with: "OTHERSIG") })
        let text = capture.text
        #expect(text.contains("retrying") && text.contains("getting a fresh one"))
        #expect(!text.contains("SECRETSIG") && !text.contains("OTHERSIG"))
    }
}
