import Crypto
import DevCenter
import DevCenterEmulator
import Foundation
import Testing

@Suite("The blob endpoint behind SAS URLs")
struct BlobEndpointTests {
    /// A harness with one submission; hands its upload URL to `body`.
    func withUploadURL(_ configuration: EmulatorConfiguration = EmulatorConfiguration(stepDelay: .zero),
                       _ body: (EmulatorHarness, String) async throws -> Void) async throws {
        try await EmulatorHarness.with(configuration) { h in
            let product = try await h.createProduct()
            let (_, url) = try await h.createSubmission(product)
            try await body(h, url)
        }
    }

    func md5(_ bytes: [UInt8]) -> String { Data(Insecure.MD5.hash(data: bytes)).base64EncodedString() }

    func blockURL(_ url: String, _ id: String) -> String {
        url + "&comp=block&blockid=" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id)
    }

    @Test("Put Blob, then Get Blob, ranges (Range and x-ms-range) and Get Blob Properties")
    func putAndGet() async throws {
        try await withUploadURL { h, url in
            let bytes = Array((0..<1000).map { UInt8($0 % 251) })
            let put = try await h.putBlob(url, bytes, headers: [("Content-MD5", md5(bytes))])
            #expect(put.status == 201)
            #expect(put.headers["ETag"].first != nil)
            #expect(put.headers["Content-MD5"].first == md5(bytes))
            let get = try await h.send(.GET, url: url)
            #expect(get.status == 200 && get.body == bytes)
            #expect(get.headers["x-ms-blob-type"].first == "BlockBlob")
            let range = try await h.send(.GET, url: url, headers: [("Range", "bytes=10-19")])
            #expect(range.status == 206 && range.body == Array(bytes[10...19]))
            #expect(range.headers["Content-Range"].first == "bytes 10-19/1000")
            let msRange = try await h.send(.GET, url: url, headers: [("x-ms-range", "bytes=990-")])
            #expect(msRange.status == 206 && msRange.body == Array(bytes[990...]))
            let beyond = try await h.send(.GET, url: url, headers: [("x-ms-range", "bytes=5000-6000")])
            #expect(beyond.status == 416 && beyond.headers["x-ms-error-code"].first == "InvalidRange")
            let head = try await h.send(.HEAD, url: url)
            #expect(head.status == 200 && head.headers["Content-Length"].first == "1000" && head.body.isEmpty)
            let exists = try await h.putBlob(url, bytes, headers: [("If-None-Match", "*")])
            #expect(exists.status == 409 && exists.headers["x-ms-error-code"].first == "BlobAlreadyExists")
        }
    }

    @Test("Put Block, Get Block List (committed and uncommitted), Put Block List")
    func blocks() async throws {
        try await withUploadURL { h, url in
            let ids = ["YmxvY2stMDAx", "YmxvY2stMDAy", "YmxvY2stMDAz"]
            let parts: [[UInt8]] = [Array(repeating: 1, count: 100), Array(repeating: 2, count: 50), Array(repeating: 3, count: 7)]
            for (id, part) in zip(ids, parts) {
                let answer = try await h.send(.PUT, url: blockURL(url, id), headers: [("Content-MD5", md5(part))], body: part)
                #expect(answer.status == 201)
            }
            let pending = try await h.send(.GET, url: url + "&comp=blocklist&blocklisttype=all")
            #expect(pending.status == 200)
            #expect(pending.text.contains("<UncommittedBlocks><Block><Name>YmxvY2stMDAx</Name><Size>100</Size></Block>"))
            #expect(pending.text.contains("<CommittedBlocks></CommittedBlocks>"))
            #expect(try await h.send(.GET, url: url).status == 404)
            let list = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList><Latest>\(ids[2])</Latest><Latest>\(ids[0])</Latest><Latest>\(ids[1])</Latest></BlockList>"
            let whole = parts[2] + parts[0] + parts[1]
            let commit = try await h.send(.PUT, url: url + "&comp=blocklist", headers: [("x-ms-blob-content-md5", md5(whole))], body: Array(list.utf8))
            #expect(commit.status == 201)
            #expect(try await h.send(.GET, url: url).body == whole)
            let committed = try await h.send(.GET, url: url + "&comp=blocklist")
            #expect(committed.text.contains("<CommittedBlocks><Block><Name>\(ids[2])</Name><Size>7</Size></Block>"))
            #expect(!committed.text.contains("UncommittedBlocks"))
            // Recommit reusing committed blocks.
            let again = "<BlockList><Committed>\(ids[0])</Committed></BlockList>"
            #expect(try await h.send(.PUT, url: url + "&comp=blocklist", body: Array(again.utf8)).status == 201)
            #expect(try await h.send(.GET, url: url).body == parts[0])
        }
    }

    @Test("MD5 mismatches, missing blocks, bad block IDs and missing headers are refused with Azure's codes")
    func refusals() async throws {
        try await withUploadURL { h, url in
            let bytes: [UInt8] = [1, 2, 3]
            let badMD5 = try await h.putBlob(url, bytes, headers: [("Content-MD5", md5([9]))])
            #expect(badMD5.status == 400 && badMD5.headers["x-ms-error-code"].first == "Md5Mismatch")
            #expect(badMD5.text.contains("<Code>Md5Mismatch</Code>"))
            let badBlobMD5 = try await h.putBlob(url, bytes, headers: [("x-ms-blob-content-md5", md5([9]))])
            #expect(badBlobMD5.status == 400 && badBlobMD5.headers["x-ms-error-code"].first == "Md5Mismatch", "x-ms-blob-content-md5 on Put Blob is checked")
            let goodBlobMD5 = try await h.putBlob(url, bytes, headers: [("x-ms-blob-content-md5", md5(bytes))])
            #expect(goodBlobMD5.status == 201)
            #expect(try await h.send(.HEAD, url: url).headers["Content-MD5"].first == md5(bytes), "and kept as the blob's MD5")
            let badBlockMD5 = try await h.send(.PUT, url: blockURL(url, "QUFB"), headers: [("Content-MD5", md5([9]))], body: bytes)
            #expect(badBlockMD5.headers["x-ms-error-code"].first == "Md5Mismatch")
            #expect(try await h.send(.PUT, url: blockURL(url, "QUFB"), body: bytes).status == 201)
            let otherLength = try await h.send(.PUT, url: blockURL(url, "QUFBQUFB"), body: bytes)
            #expect(otherLength.status == 400 && otherLength.headers["x-ms-error-code"].first == "InvalidBlobOrBlock")
            let notBase64 = try await h.send(.PUT, url: blockURL(url, "%%%"), body: bytes)
            #expect(notBase64.status == 400)
            let missing = try await h.send(.PUT, url: url + "&comp=blocklist", body: Array("<BlockList><Latest>QkJC</Latest></BlockList>".utf8))
            #expect(missing.status == 400 && missing.headers["x-ms-error-code"].first == "InvalidBlockList")
            let listMD5 = try await h.send(.PUT, url: url + "&comp=blocklist", headers: [("x-ms-blob-content-md5", md5([7]))],
                                           body: Array("<BlockList><Latest>QUFB</Latest></BlockList>".utf8))
            #expect(listMD5.headers["x-ms-error-code"].first == "Md5Mismatch")
            let notXML = try await h.send(.PUT, url: url + "&comp=blocklist", body: Array("hello".utf8))
            #expect(notXML.headers["x-ms-error-code"].first == "InvalidXmlDocument")
            let noType = try await h.send(.PUT, url: url, body: bytes)
            #expect(noType.status == 400 && noType.headers["x-ms-error-code"].first == "MissingRequiredHeader")
        }
    }

    @Test("x-ms-content-crc64 is checked on Put Block and Put Blob (400 Crc64Mismatch), answered with the service's CRC-64, and refused beside Content-MD5")
    func crc64() async throws {
        try await withUploadURL { h, url in
            let bytes = Array((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let crc = CRC64(of: bytes).base64
            let good = try await h.send(.PUT, url: blockURL(url, "QUFB"), headers: [("x-ms-content-crc64", crc)], body: bytes)
            #expect(good.status == 201 && good.headers["x-ms-content-crc64"].first == crc)
            #expect(good.headers["Content-MD5"].isEmpty, "the service hashes a block only with what it was sent")
            let wrong = CRC64(of: Array(bytes.dropLast())).base64
            let bad = try await h.send(.PUT, url: blockURL(url, "QkJC"), headers: [("x-ms-content-crc64", wrong)], body: bytes)
            #expect(bad.status == 400 && bad.headers["x-ms-error-code"].first == "Crc64Mismatch")
            #expect(bad.text.contains("<Code>Crc64Mismatch</Code><Message>The CRC64 value specified in the request did not match"))
            let malformed = try await h.send(.PUT, url: blockURL(url, "Q0ND"), headers: [("x-ms-content-crc64", "AAAA")], body: bytes)
            #expect(malformed.status == 400 && malformed.headers["x-ms-error-code"].first == "InvalidHeaderValue")
            let both = try await h.send(.PUT, url: blockURL(url, "RERE"), headers: [("x-ms-content-crc64", crc), ("Content-MD5", md5(bytes))], body: bytes)
            #expect(both.status == 400 && both.headers["x-ms-error-code"].first == "InvalidHeaderValue")
            let pending = try await h.send(.GET, url: url + "&comp=blocklist&blocklisttype=uncommitted")
            #expect(pending.text.contains("<Name>QUFB</Name>") && !pending.text.contains("QkJC"), "only the good block is stored")

            let badBlob = try await h.putBlob(url, bytes, headers: [("x-ms-content-crc64", wrong)])
            #expect(badBlob.status == 400 && badBlob.headers["x-ms-error-code"].first == "Crc64Mismatch")
            let blob = try await h.putBlob(url, bytes, headers: [("x-ms-content-crc64", crc)])
            #expect(blob.status == 201 && blob.headers["x-ms-content-crc64"].first == crc)
            #expect(try await h.send(.HEAD, url: url).headers["Content-MD5"].first == md5(bytes), "Put Blob records the MD5 itself")
        }
    }

    @Test("a tampered, foreign or unsigned SAS is refused with 403 AuthenticationFailed")
    func tampered() async throws {
        try await withUploadURL { h, url in
            let tamperedExpiry = url.replacingOccurrences(of: "se=20", with: "se=21")
            #expect(tamperedExpiry != url)
            let a = try await h.putBlob(tamperedExpiry, [1])
            #expect(a.status == 403 && a.headers["x-ms-error-code"].first == "AuthenticationFailed")
            let widened = url.replacingOccurrences(of: "sp=rwl", with: "sp=rwlcd")
            #expect(try await h.putBlob(widened, [1]).status == 403)
            let otherBlob = url.replacingOccurrences(of: "/package?", with: "/other?")
            #expect(try await h.putBlob(otherBlob, [1]).status == 403)
            let unsigned = String(url.prefix { $0 != "?" })
            let none = try await h.putBlob(unsigned, [1])
            #expect(none.status == 401 && none.headers["x-ms-error-code"].first == "NoAuthenticationInformation")
            #expect(try await h.putBlob(url, [1]).status == 201)
            // The sig never reaches the request log.
            let sig = try #require(url.split(separator: "&").first { $0.hasPrefix("sig=") })
            #expect(h.emulator.requestLog().allSatisfy { !$0.query.contains(sig.dropFirst(4)) && !$0.path.contains(sig.dropFirst(4)) })
            #expect(h.emulator.requestLog().contains { $0.query.contains("sig=\(Redactor.placeholder)") })
        }
    }

    @Test("a SAS expires at se by the emulator's clock, or earlier when the admin expires it")
    func expiry() async throws {
        try await withUploadURL(EmulatorConfiguration(stepDelay: .zero, sasLifetime: .seconds(600))) { h, url in
            #expect(try await h.putBlob(url, [1]).status == 201)
            h.emulator.advanceClock(bySeconds: 601)
            let expired = try await h.putBlob(url, [1])
            #expect(expired.status == 403 && expired.headers["x-ms-error-code"].first == "AuthenticationFailed")
            #expect(expired.text.contains("expired"))
        }
        try await withUploadURL { h, url in
            h.emulator.expireSASURLs(inSeconds: 30)
            #expect(try await h.putBlob(url, [1]).status == 201)
            h.emulator.advanceClock(bySeconds: 31)
            #expect(try await h.putBlob(url, [1]).status == 403)
            // A fresh URL from the service works again.
            let product = try #require(h.emulator.requestLog().compactMap { entry -> Int64? in
                entry.route == "POST /products/{productId}/submissions" ? Int64(entry.path.split(separator: "/")[4]) : nil
            }.first)
            let submissions = try await h.api(.GET, "/products/\(product)/submissions")
            let id = try #require(submissions.json["value"]?[0]?["id"]?.int64Value)
            let fresh = try #require(EmulatorHarness.downloadURL(try await h.getSubmission(product, id), "initialPackage"))
            #expect(try await h.putBlob(fresh, [2]).status == 201)
        }
    }
}
