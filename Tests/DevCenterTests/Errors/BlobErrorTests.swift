import DevCenter
import Foundation
import Testing

@Suite("Errors of the blob endpoint")
struct BlobErrorTests {
    let url = "https://acct.blob.core.windows.net/c/pkg.zip?sv=2020-08-04&sr=b&sig=SECRETSIG&se=2026-01-01T00%3A00%3A00Z&sp=rwl"
    let now = ISO8601DateFormatter().date(from: "2026-01-01T00:05:00Z")!

    func xml(_ code: String, _ message: String, detail: String? = nil) -> [UInt8] {
        var text = #"<?xml version="1.0" encoding="utf-8"?><Error><Code>\#(code)</Code><Message>\#(message)"# + "\nRequestId:1\nTime:x</Message>"
        if let detail { text += "<AuthenticationErrorDetail>\(detail)</AuthenticationErrorDetail>" }
        return Array((text + "</Error>").utf8)
    }

    @Test("an expired SAS URL says so, when it expired, and how to get a fresh one")
    func expired() {
        let e = DevCenterError.blobResponse(
            status: 403, body: xml("AuthenticationFailed", "Server failed to authenticate the request."),
            operation: "PUT /c/pkg.zip", url: url, now: now)
        #expect(e.kind == .urlExpired)
        #expect(e.code == "AuthenticationFailed")
        #expect(e.description.contains("The SAS URL expired at 2026-01-01T00:00:00Z"))
        #expect(e.description.contains("fetching the submission again"))
        #expect(!e.description.contains("SECRETSIG"))
        #expect(e.retryable == false)
    }

    @Test("a refused signature that has not expired is an authentication failure")
    func refused() {
        let e = DevCenterError.blobResponse(
            status: 403, body: xml("AuthenticationFailed", "Server failed to authenticate the request.", detail: "Signature did not match."),
            operation: "PUT /c/pkg.zip", url: url, now: ISO8601DateFormatter().date(from: "2025-12-31T00:00:00Z")!)
        #expect(e.kind == .authentication)
        #expect(e.details == ["Signature did not match."])
    }

    @Test("the detail alone can tell an expired URL")
    func expiredByDetail() {
        let e = DevCenterError.blobResponse(
            status: 403, body: xml("AuthenticationFailed", "x", detail: "Signature not valid in the specified time frame: Start [a] - Expiry [b] - Current [c]"),
            operation: "GET /c/pkg.zip", url: "https://a/b?sig=1", now: now)
        #expect(e.kind == .urlExpired)
    }

    @Test("other storage errors map to kinds; the x-ms-error-code header wins")
    func otherCodes() {
        #expect(DevCenterError.blobResponse(status: 404, body: xml("BlobNotFound", "The specified blob does not exist."), operation: "GET /c/b", url: url, now: now).kind == .notFound)
        #expect(DevCenterError.blobResponse(status: 503, body: xml("ServerBusy", "busy"), operation: "PUT /c/b", url: url, now: now).retryable)
        let md5 = DevCenterError.blobResponse(status: 400, body: [], headers: ["x-ms-error-code": "Md5Mismatch"], operation: "PUT /c/b", url: url, now: now)
        #expect(md5.kind == .invalidInput && md5.code == "Md5Mismatch")
    }
}
