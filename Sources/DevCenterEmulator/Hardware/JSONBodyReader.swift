import DevCenter
import Hummingbird

/// Reads a request's JSON body the way the service does: JSON content type, well-formed, an
/// object, field names matched without case; every refusal says what is wrong and where.
enum JSONBodyReader {
    static let maxBodySize = 1 << 20

    /// The body as an object, with the keys that name `fields` in another case written as
    /// documented.
    static func object(from request: Request, fields: RequestFieldNames) async throws -> [String: JSONValue] {
        try fields.canonical(try await object(from: request))
    }

    static func object(from request: Request) async throws -> [String: JSONValue] {
        if let type = request.headers[.contentType], !type.lowercased().contains("json") {
            throw HTTPFailure.service(.unsupportedMediaType, .invalidInput,
                                      "The request body's Content-Type is '\(type)'; send the body as JSON with 'Content-Type: application/json'.")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodySize)
        } catch {
            throw HTTPFailure.service(.contentTooLarge, .invalidInput,
                                      "The request body is larger than \(maxBodySize) bytes; no request of this API needs that much.")
        }
        let bytes = Array(buffer.readableBytesView)
        if let problem = JSONSyntaxChecker.check(bytes) {
            throw HTTPFailure.service(.badRequest, .invalidInput,
                                      "The request body is not valid JSON: \(problem). Fix the JSON and send the request again.",
                                      validation: [.init(target: "body", message: problem.description)])
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            throw HTTPFailure.service(.badRequest, .invalidInput, "The request body is not valid JSON: \(error).")
        }
        guard case .object(let members) = value else {
            throw HTTPFailure.service(.badRequest, .invalidInput,
                                      "The request body is a JSON \(value.typeName); it must be a JSON object ({…}).",
                                      validation: [.init(target: "body", message: "expected an object, got \(value.typeName)")])
        }
        return members
    }
}
