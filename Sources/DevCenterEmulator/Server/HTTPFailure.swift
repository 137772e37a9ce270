import DevCenter
import Foundation
import HTTPTypes
import Hummingbird

/// An error answer, in the shape of whichever service the route imitates.
///
/// Handlers throw it; the responder turns it into the response. Every message says what
/// happened, to what, and what to do next.
struct HTTPFailure: Error, Sendable {
    var status: HTTPResponse.Status
    var body: ByteBuffer
    var contentType: String
    var headers: [(HTTPField.Name, String)] = []
    /// A short name for the request log, for example `invalidInput` or `AuthenticationFailed`.
    var code: String

    /// The hardware API's shape: `{"error": {"code", "message", "validationErrors"}}`.
    static func service(
        _ status: HTTPResponse.Status, _ code: ServiceErrorCode, _ message: String,
        validation: [ServiceErrorBody.ValidationError] = []
    ) -> HTTPFailure {
        let body = ServiceErrorBody(code: code, message: message, validationErrors: validation).wrapped
        return HTTPFailure(status: status, json: body, code: code.rawValue)
    }

    /// One invalid field: `400 invalidInput` with a validation error naming it.
    static func invalidInput(_ target: String, _ message: String) -> HTTPFailure {
        .service(.badRequest, .invalidInput, "The request is invalid: \(target): \(message)",
                 validation: [.init(target: target, message: message)])
    }

    static func notFound(_ what: String) -> HTTPFailure {
        .service(.notFound, .entityNotFound, "\(what) was not found. Check the ID, or list the parent resource to find it.")
    }

    static func invalidState(_ message: String) -> HTTPFailure {
        .service(.badRequest, .requestInvalidForCurrentState, message)
    }

    init(status: HTTPResponse.Status, json: JSONValue, code: String, headers: [(HTTPField.Name, String)] = []) {
        self.status = status
        self.body = ByteBuffer(data: json.serialized())
        self.contentType = "application/json; charset=utf-8"
        self.code = code
        self.headers = headers
    }

    init(status: HTTPResponse.Status, text: String, contentType: String, code: String, headers: [(HTTPField.Name, String)] = []) {
        self.status = status
        self.body = ByteBuffer(string: text)
        self.contentType = contentType
        self.code = code
        self.headers = headers
    }

    /// Azure Storage's shape: XML `<Error>` with `x-ms-error-code`.
    static func blob(_ status: HTTPResponse.Status, _ code: String, _ message: String, detail: String? = nil) -> HTTPFailure {
        var xml = #"<?xml version="1.0" encoding="utf-8"?><Error><Code>"# + XMLText.escape(code) + "</Code><Message>"
            + XMLText.escape(message + "\nRequestId:" + UUID().uuidString.lowercased() + "\nTime:" + ISOTime.string(Date()))
            + "</Message>"
        if let detail { xml += "<AuthenticationErrorDetail>" + XMLText.escape(detail) + "</AuthenticationErrorDetail>" }
        xml += "</Error>"
        return HTTPFailure(
            status: status, text: xml, contentType: "application/xml", code: code,
            headers: [(.xMsErrorCode, code)])
    }

    /// Azure AD's shape: `{"error", "error_description", "error_codes", …}`.
    static func aad(_ status: HTTPResponse.Status, _ error: String, _ description: String, aadsts: Int) -> HTTPFailure {
        let traceID = UUID().uuidString.lowercased()
        let body: JSONValue = [
            "error": .string(error),
            "error_description": .string("AADSTS\(aadsts): \(description)\r\nTrace ID: \(traceID)\r\nTimestamp: \(ISOTime.string(Date()))"),
            "error_codes": [.integer(Int64(aadsts))],
            "timestamp": .string(ISOTime.string(Date())),
            "trace_id": .string(traceID),
            "correlation_id": .string(UUID().uuidString.lowercased()),
        ]
        return HTTPFailure(status: status, json: body, code: error)
    }

    /// The gateway's per-minute rate limit answer, as Azure API Management writes it.
    static func rateLimited(retryAfter seconds: Int) -> HTTPFailure {
        HTTPFailure(
            status: .tooManyRequests,
            json: ["statusCode": 429, "message": .string("Rate limit is exceeded. Try again in \(seconds) seconds.")],
            code: "rateLimited", headers: [(.retryAfter, String(seconds))])
    }

    func response() -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        for (name, value) in headers { fields.append(HTTPField(name: name, value: value)) }
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}

extension HTTPField.Name {
    static let xMsErrorCode = HTTPField.Name("x-ms-error-code")!
    static let xMsRequestID = HTTPField.Name("x-ms-request-id")!
    static let xMsVersion = HTTPField.Name("x-ms-version")!
    static let xMsBlobType = HTTPField.Name("x-ms-blob-type")!
    static let xMsRange = HTTPField.Name("x-ms-range")!
    static let xMsBlobContentMD5 = HTTPField.Name("x-ms-blob-content-md5")!
    static let xMsBlobContentType = HTTPField.Name("x-ms-blob-content-type")!
    static let xMsContentCRC64 = HTTPField.Name("x-ms-content-crc64")!
    static let xMsRequestServerEncrypted = HTTPField.Name("x-ms-request-server-encrypted")!
    static let xMsCreationTime = HTTPField.Name("x-ms-creation-time")!
    static let xMsLeaseState = HTTPField.Name("x-ms-lease-state")!
    static let xMsLeaseStatus = HTTPField.Name("x-ms-lease-status")!
    static let xMsServerEncrypted = HTTPField.Name("x-ms-server-encrypted")!
    static let xMsClientRequestID = HTTPField.Name("x-ms-client-request-id")!
    static let msCorrelationID = HTTPField.Name("MS-CorrelationId")!
    static let msRequestID = HTTPField.Name("MS-RequestId")!
    static let contentMD5 = HTTPField.Name("Content-MD5")!
}
