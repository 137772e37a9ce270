import Foundation

extension DevCenterError {
    /// The error for an Azure Blob Storage answer outside 2xx: an upload or download through a
    /// SAS URL. Reads the XML error body (`<Error><Code>…</Code><Message>…</Message>`) and
    /// `x-ms-error-code`; an expired SAS URL becomes ``Kind/urlExpired`` with how to get a fresh one.
    ///
    /// - Parameters:
    ///   - operation: `METHOD <blob path>`, never the URL's query (it holds the signature).
    ///   - url: the SAS URL used, read for its expiry (`se`); it does not appear in the error.
    ///   - now: the current date, to tell an expired URL from a refused one.
    ///   - freshURLHint: how to get a new URL, when the caller knows better than the default
    ///     ("fetch the submission again").
    public static func blobResponse(
        status: Int, body: [UInt8], headers: TransportHeaders = [:], operation: String, url: String, now: Date,
        freshURLHint: String? = nil
    ) -> DevCenterError {
        let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        let code = headers["x-ms-error-code"] ?? XMLText.firstElement("Code", in: text)
        let said = XMLText.firstElement("Message", in: text)?.split(separator: "\n").first.map(String.init)
        let detail = XMLText.firstElement("AuthenticationErrorDetail", in: text)
        let expiry = SASURL.expiry(of: url)
        let hint = freshURLHint
            ?? "get a fresh URL by fetching the submission again (GET /products/{productId}/submissions/{submissionId}): every answer carries newly signed URLs"
        var kind = Kind.forResponse(status: status, code: nil)
        var advice = kind.advice(operation: operation, retryAfter: nil)
        let lowerCode = code?.lowercased()
        if status == 403 || lowerCode == "authenticationfailed" {
            let expired = (expiry.map { $0 <= now } ?? false)
                || detail?.lowercased().contains("expir") == true
                || detail?.lowercased().contains("not valid in the specified time frame") == true
            if expired {
                kind = .urlExpired
                let at = expiry.map { " at \(ISO8601DateFormatter().string(from: $0))" } ?? ""
                advice = "The SAS URL expired\(at). To go on, \(hint), then run the transfer again."
            } else {
                kind = .authentication
                advice = "The storage service refused the SAS URL: it was altered, or does not allow this operation. To go on, \(hint)."
            }
        } else if lowerCode == "blobnotfound" || lowerCode == "containernotfound" {
            kind = .notFound
            advice = "The blob does not exist (yet): check that the upload finished, or \(hint)."
        } else if let lowerCode, lowerCode.contains("md5mismatch") || lowerCode.contains("crc64mismatch")
            || lowerCode.contains("invalidblock") {
            kind = .invalidInput
            advice = "The storage service refused the data as sent (\(code!)); upload the file again."
        }
        let what = [code, said].compactMap { $0 }.joined(separator: ": ")
        return DevCenterError(
            kind: kind,
            message: "\(operation) failed with \(HTTPStatusText.describe(status))" + (what.isEmpty ? "" : ": \(what)"),
            advice: advice, status: status, serviceCode: code.map(ServiceErrorCode.init(rawValue:)),
            details: detail.map { [$0] } ?? [], requestID: headers["x-ms-request-id"],
            retryable: kind == .urlExpired ? false : RetryRules.isTransientStatus(status), operation: operation,
            delivery: .answered)
    }
}

/// What DevCenter reads from a SAS URL.
public enum SASURL {
    /// The expiry (`se`) of a SAS URL, when it has one that parses.
    public static func expiry(of url: String) -> Date? {
        guard let components = URLComponents(string: url),
            let value = components.queryItems?.first(where: { $0.name.lowercased() == "se" })?.value
        else { return nil }
        return ServiceDate.parse(value)
    }

    /// Whether `url` is a page of the Hardware Dev Center dashboard (`…/dashboard/…`, no SAS
    /// signature), as the `certificationReport` download is, rather than a blob.
    public static func isDashboardPage(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), components.host != nil else { return false }
        let signed = components.queryItems?.contains { $0.name.lowercased() == "sig" } ?? false
        return !signed && components.path.lowercased().contains("/dashboard/")
    }
}

/// The text of simple XML elements, enough for Azure's error bodies.
enum XMLText {
    static func firstElement(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"), let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex)
        else { return nil }
        let raw = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        let unescaped = raw.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        return unescaped.isEmpty ? nil : unescaped
    }
}
