import DevCenter
import Foundation

/// The service's error bodies (JSON of any shape, HTML from a gateway) and Azure Blob
/// Storage's XML error bodies: every input gives an error with a message and no crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServiceError(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: count))
    if let parsed = ServiceErrorBody.parse(body) {
        precondition(parsed.code != nil || parsed.message != nil || !parsed.validationErrors.isEmpty)
    }
    let error = DevCenterError.blobResponse(
        status: 403, body: body, operation: "PUT /container/blob",
        url: "https://storage.example/container/blob?se=2026-01-01T00%3A00%3A00Z&sig=c2VjcmV0", now: Date())
    precondition(!error.description.isEmpty)
    precondition(!error.description.contains("c2VjcmV0"), "a blob error shows the SAS signature")
    return 0
}
