/// A file sent as a request's whole body, streamed from disk (a pre-production package).
struct UploadedFile: Sendable {
    var path: String
    var size: Int
    var contentType = "application/octet-stream"
}
