import Crypto
import DevCenter
import Foundation
import HTTPTypes
import Hummingbird

/// The Azure Blob endpoint behind the SAS URLs: path-style `/<account>/<container>/<blob>`,
/// block blobs only, authorised by SAS alone.
struct BlobService: Sendable {
    let account: String
    let store: BlobStore
    let signer: SASSigner

    static let maxPutBlobSize = 5000 << 20
    static let maxBlockSize = 4000 << 20
    static let maxBlockListBody = 8 << 20

    /// The names of the blob operations, as the request log and faults use them.
    static let routeNames = [
        "PUT blob", "PUT blob?comp=block", "PUT blob?comp=blocklist", "GET blob?comp=blocklist", "GET blob", "HEAD blob",
    ]

    /// Matches `/<account>/<container>/<blob>` with the operation named by the method and `comp`.
    func route(method: HTTPRequest.Method, pathSegments: [String], query: [String: String]) -> RouteMatch? {
        guard pathSegments.first == account else { return nil }
        let comp = query["comp"]?.lowercased()
        let name: String
        switch (method, comp) {
        case (.put, nil): name = "PUT blob"
        case (.put, "block"): name = "PUT blob?comp=block"
        case (.put, "blocklist"): name = "PUT blob?comp=blocklist"
        case (.get, "blocklist"): name = "GET blob?comp=blocklist"
        case (.get, nil): name = "GET blob"
        case (.head, nil): name = "HEAD blob"
        default:
            return RouteMatch(name: "\(method.rawValue) blob?comp=\(comp ?? "")", area: .blob) { _, _ in
                throw HTTPFailure.blob(.badRequest, "UnsupportedHttpVerb",
                                       "The resource doesn't support the specified HTTP verb and comp (\(method.rawValue), comp=\(comp ?? "none")). This endpoint serves block blobs through SAS URLs only.")
            }
        }
        return RouteMatch(name: name, area: .blob) { request, _ in
            guard pathSegments.count >= 3, !pathSegments[1].isEmpty, !pathSegments[2...].joined().isEmpty else {
                throw HTTPFailure.blob(.badRequest, "InvalidUri",
                                       "The requested URI does not represent a blob: expected /\(account)/<container>/<blob>.")
            }
            let key = BlobStore.Key(container: pathSegments[1], name: pathSegments[2...].joined(separator: "/"))
            var response = try await handle(name, key: key, request: request, query: query)
            response.headers[.xMsRequestID] = UUID().uuidString.lowercased()
            response.headers[.xMsVersion] = SASSigner.serviceVersion
            if let clientID = request.headers[.xMsClientRequestID] { response.headers[.xMsClientRequestID] = clientID }
            return response
        }
    }

    private func handle(_ name: String, key: BlobStore.Key, request: Request, query: [String: String]) async throws -> Response {
        let read = name.hasPrefix("GET") || name.hasPrefix("HEAD")
        try signer.verify(query: query, container: key.container, blob: key.name, required: read ? .read : .write)
        switch name {
        case "PUT blob": return try await putBlob(key, request)
        case "PUT blob?comp=block": return try await putBlock(key, request, query)
        case "PUT blob?comp=blocklist": return try await putBlockList(key, request)
        case "GET blob?comp=blocklist": return try getBlockList(key, query)
        case "HEAD blob": return try getBlob(key, request, head: true)
        default: return try getBlob(key, request, head: false)
        }
    }

    private func decodeMD5(_ header: String?, _ name: String) throws(HTTPFailure) -> Data? {
        guard let header else { return nil }
        guard let data = Data(base64Encoded: header), data.count == 16 else {
            throw .blob(.badRequest, "InvalidHeaderValue",
                        "The value for one of the HTTP headers is not in the correct format: \(name) must be the base64 of a 16-byte MD5 digest.")
        }
        return data
    }

    /// The transactional checksums of a Put Blob or Put Block: `Content-MD5` or
    /// `x-ms-content-crc64`, not both (Azure refuses the pair with 400).
    private func transactionalChecksums(_ request: Request) throws(HTTPFailure) -> (md5: Data?, crc64: CRC64?) {
        let md5 = try decodeMD5(request.headers[.contentMD5], "Content-MD5")
        guard let header = request.headers[.xMsContentCRC64] else { return (md5, nil) }
        guard let crc64 = CRC64(base64: header) else {
            throw .blob(.badRequest, "InvalidHeaderValue",
                        "The value for one of the HTTP headers is not in the correct format: x-ms-content-crc64 must be the base64 of an 8-byte CRC-64.")
        }
        if md5 != nil {
            throw .blob(.badRequest, "InvalidHeaderValue",
                        "The request carries both Content-MD5 and x-ms-content-crc64; send one of them.")
        }
        return (md5, crc64)
    }

    /// Refuses a staged body whose CRC-64 is not the one the request carried, as Azure does.
    private func checkCRC64(_ expected: CRC64?, _ file: BlobStore.StagedFile, what: String) throws(HTTPFailure) {
        guard let expected, expected != file.crc64 else { return }
        store.discard(file)
        throw .blob(.badRequest, "Crc64Mismatch",
                    "The CRC64 value specified in the request did not match with the CRC64 value calculated by the server. Upload the \(what) again.")
    }

    private func checkIfNoneMatch(_ key: BlobStore.Key, _ request: Request) throws(HTTPFailure) {
        if request.headers[.ifNoneMatch] == "*", store.blob(key) != nil {
            throw .blob(.conflict, "BlobAlreadyExists", "The specified blob already exists (the request said If-None-Match: *).")
        }
    }

    private func putBlob(_ key: BlobStore.Key, _ request: Request) async throws -> Response {
        guard let type = request.headers[.xMsBlobType] else {
            throw HTTPFailure.blob(.badRequest, "MissingRequiredHeader",
                                   "An HTTP header that's mandatory for this request is not specified: x-ms-blob-type (send BlockBlob).")
        }
        guard type == "BlockBlob" else {
            throw HTTPFailure.blob(.badRequest, "InvalidHeaderValue",
                                   "The value for one of the HTTP headers is not in the correct format: x-ms-blob-type is '\(type)'; this endpoint takes BlockBlob only.")
        }
        let (contentMD5, crc64) = try transactionalChecksums(request)
        let blobMD5 = try decodeMD5(request.headers[.xMsBlobContentMD5], "x-ms-blob-content-md5")
        try checkIfNoneMatch(key, request)
        // Put Blob records the blob's MD5 whether or not the request carried one, as Azure does.
        let file = try await store.stage(
            request.body, digests: crc64 == nil ? .md5 : [.md5, .crc64], limit: Self.maxPutBlobSize)
        try checkCRC64(crc64, file, what: "blob")
        for expected in [contentMD5, blobMD5].compactMap({ $0 }) where expected != file.md5 {
            store.discard(file)
            throw HTTPFailure.blob(.badRequest, "Md5Mismatch",
                                   "The MD5 value specified in the request did not match with the MD5 value calculated by the server. Upload the blob again.")
        }
        let contentType = request.headers[.xMsBlobContentType] ?? request.headers[.contentType] ?? "application/octet-stream"
        let blob = store.putBlob(key, content: .file(file.url), size: file.size, md5: file.md5, contentType: contentType)
        var response = created(blob)
        response.headers[.contentMD5] = file.md5?.base64EncodedString()
        if let computed = file.crc64 { response.headers[.xMsContentCRC64] = computed.base64 }
        return response
    }

    private func putBlock(_ key: BlobStore.Key, _ request: Request, _ query: [String: String]) async throws -> Response {
        guard let id = query["blockid"], !id.isEmpty else {
            throw HTTPFailure.blob(.badRequest, "MissingRequiredQueryParameter",
                                   "A query parameter that's mandatory for this request is not specified: blockid.")
        }
        guard let decoded = Data(base64Encoded: id), decoded.count <= 64 else {
            throw HTTPFailure.blob(.badRequest, "InvalidQueryParameterValue",
                                   "Value for one of the query parameters specified in the request URI is invalid: blockid must be base64 of at most 64 bytes.")
        }
        let (contentMD5, crc64) = try transactionalChecksums(request)
        var digests: BlobStore.Digests = []
        if contentMD5 != nil { digests.insert(.md5) }
        if crc64 != nil { digests.insert(.crc64) }
        let file = try await store.stage(request.body, digests: digests, limit: Self.maxBlockSize)
        try checkCRC64(crc64, file, what: "block")
        if let contentMD5, contentMD5 != file.md5 {
            store.discard(file)
            throw HTTPFailure.blob(.badRequest, "Md5Mismatch",
                                   "The MD5 value specified in the request did not match with the MD5 value calculated by the server. Upload the block again.")
        }
        do {
            try store.putBlock(key, id: id, file: file)
        } catch {
            store.discard(file)
            throw error
        }
        var fields = HTTPFields()
        if let md5 = file.md5 { fields[.contentMD5] = md5.base64EncodedString() }
        if let computed = file.crc64 { fields[.xMsContentCRC64] = computed.base64 }
        fields[.xMsRequestServerEncrypted] = "true"
        return Response(status: .created, headers: fields)
    }

    private func putBlockList(_ key: BlobStore.Key, _ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBlockListBody)
        guard let references = XMLText.parseBlockList(String(buffer: body)) else {
            throw HTTPFailure.blob(.badRequest, "InvalidXmlDocument",
                                   "XML specified is not syntactically valid: expected <BlockList> with <Latest>, <Committed> or <Uncommitted> elements.")
        }
        let blobMD5 = try decodeMD5(request.headers[.xMsBlobContentMD5], "x-ms-blob-content-md5")
        try checkIfNoneMatch(key, request)
        let contentType = request.headers[.xMsBlobContentType] ?? "application/octet-stream"
        let blob = try store.commitBlockList(key, references: references, contentType: contentType, expectedMD5: blobMD5)
        return created(blob)
    }

    private func created(_ blob: BlobStore.Blob) -> Response {
        var fields = HTTPFields()
        fields[.eTag] = blob.etag
        fields[.lastModified] = ISOTime.httpDate(blob.lastModified)
        fields[.xMsRequestServerEncrypted] = "true"
        return Response(status: .created, headers: fields)
    }

    private func getBlockList(_ key: BlobStore.Key, _ query: [String: String]) throws -> Response {
        let type = query["blocklisttype"]?.lowercased() ?? "committed"
        guard ["committed", "uncommitted", "all"].contains(type) else {
            throw HTTPFailure.blob(.badRequest, "InvalidQueryParameterValue",
                                   "Value for one of the query parameters specified in the request URI is invalid: blocklisttype must be committed, uncommitted or all.")
        }
        guard let lists = store.blockList(key) else {
            throw HTTPFailure.blob(.notFound, "BlobNotFound", "The specified blob does not exist, and no blocks were put for it.")
        }
        func xml(_ blocks: [BlobStore.BlockInfo]) -> String {
            blocks.map { "<Block><Name>\(XMLText.escape($0.id))</Name><Size>\($0.size)</Size></Block>" }.joined()
        }
        var text = #"<?xml version="1.0" encoding="utf-8"?><BlockList>"#
        if type != "uncommitted" { text += "<CommittedBlocks>" + xml(lists.committed) + "</CommittedBlocks>" }
        if type != "committed" { text += "<UncommittedBlocks>" + xml(lists.uncommitted) + "</UncommittedBlocks>" }
        text += "</BlockList>"
        var fields = HTTPFields()
        fields[.contentType] = "application/xml"
        if let blob = store.blob(key) {
            fields[.eTag] = blob.etag
            fields[.lastModified] = ISOTime.httpDate(blob.lastModified)
            fields[HTTPField.Name("x-ms-blob-content-length")!] = String(blob.size)
        }
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func getBlob(_ key: BlobStore.Key, _ request: Request, head: Bool) throws -> Response {
        guard let blob = store.blob(key) else {
            throw HTTPFailure.blob(.notFound, "BlobNotFound", "The specified blob does not exist.")
        }
        var fields = HTTPFields()
        fields[.contentType] = blob.contentType
        fields[.eTag] = blob.etag
        fields[.lastModified] = ISOTime.httpDate(blob.lastModified)
        fields[.acceptRanges] = "bytes"
        fields[.xMsBlobType] = "BlockBlob"
        fields[.xMsCreationTime] = ISOTime.httpDate(blob.created)
        fields[.xMsLeaseState] = "available"
        fields[.xMsLeaseStatus] = "unlocked"
        fields[.xMsServerEncrypted] = "true"
        var range = 0..<blob.size
        var status = HTTPResponse.Status.ok
        if !head, let header = request.headers[.xMsRange] ?? request.headers[.range] {
            guard let requested = Self.parseRange(header, size: blob.size) else {
                var failure = HTTPFailure.blob(.rangeNotSatisfiable, "InvalidRange",
                                               "The range specified is invalid for the current size of the resource (\(header); the blob has \(blob.size) bytes).")
                failure.headers.append((.contentRange, "bytes */\(blob.size)"))
                throw failure
            }
            range = requested
            status = .partialContent
            fields[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(blob.size)"
        } else if let md5 = blob.contentMD5 {
            fields[.contentMD5] = md5.base64EncodedString()
        }
        fields[.contentLength] = String(range.count)
        if head { return Response(status: status, headers: fields) }
        let content = blob.content
        let bodyRange = range
        let body = ResponseBody(contentLength: bodyRange.count) { writer in
            switch content {
            case .bytes(let data):
                try await writer.write(ByteBuffer(bytes: data[data.startIndex + bodyRange.lowerBound..<data.startIndex + bodyRange.upperBound]))
            case .file(let url):
                var offset = bodyRange.lowerBound
                while offset < bodyRange.upperBound {
                    let chunk = try BlobFileReader.chunk(of: url, offset: offset, length: bodyRange.upperBound - offset)
                    try await writer.write(ByteBuffer(bytes: chunk))
                    offset += chunk.count
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: fields, body: body)
    }

    /// Reads `bytes=a-b`, `bytes=a-` or `bytes=-n`; `nil` when it cannot be satisfied.
    static func parseRange(_ header: String, size: Int) -> Range<Int>? {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let spec = header.dropFirst(6).split(separator: ",").first.map(String.init) ?? ""
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let n = Int(parts[1]), n > 0 else { return nil }
            return max(0, size - n)..<size
        }
        guard let start = Int(parts[0]), start >= 0, start < size else { return nil }
        if parts[1].isEmpty { return start..<size }
        guard let end = Int(parts[1]), end >= start else { return nil }
        return start..<(min(end, size - 1) + 1)
    }
}
