import DevCenter
import DevCenterEmulator
import Foundation
import Testing

@Suite("Against the emulator: uploads under faults end verified or with the documented error")
struct UploadFaultIntegrationTests {
    static let blocks = 6

    func upload(_ t: TransferFixtures, _ name: String, options: TransferOptions = TransferFixtures.options()) async throws -> (bytes: [UInt8], url: String, result: UploadResult) {
        let package = try await t.package(name, size: Self.blocks * TransferFixtures.blockSize, seed: UInt64(name.utf8.count))
        let result = try await t.client.blobUploader(options: options).upload(file: package.path, to: package.url)
        return (package.bytes, package.url, result)
    }

    @Test("a 500 on one block is retried alone; the blob is complete")
    func serverErrorOnOneBlock() async throws {
        try await TransferFixtures.run { t in
            t.h.emulator.injectFault(FaultRule(route: "PUT blob?comp=block", status: 500, nth: 3))
            let (bytes, url, result) = try await upload(t, "Block 500")
            #expect(try await t.blob(at: url) == bytes)
            #expect(t.h.requests("PUT blob?comp=block").map(\.status).sorted() == [201, 201, 201, 201, 201, 201, 500])
            #expect(Set(t.storedBlocks()).count == Self.blocks)
            #expect(result.retries == 1 && result.blocksSent == Self.blocks)
        }
    }

    @Test("a dropped connection on a block, before or after the block was stored, is retried; the blob is complete")
    func droppedConnections() async throws {
        try await TransferFixtures.run { t in
            t.h.emulator.injectFault(FaultRule(route: "PUT blob?comp=block", drop: true, nth: 2))
            t.h.emulator.injectFault(FaultRule(route: "PUT blob?comp=block", drop: true, after: true, nth: 5))
            let (bytes, url, result) = try await upload(t, "Dropped")
            #expect(try await t.blob(at: url) == bytes)
            #expect(t.h.requests("PUT blob?comp=block").filter { $0.fault != nil }.count == 2)
            #expect(result.retries == 2)
        }
    }

    @Test("a 503 on the block list and a dropped Get Block List are retried")
    func blockListFaults() async throws {
        try await TransferFixtures.run { t in
            t.h.emulator.injectFault(FaultRule(route: "GET blob?comp=blocklist", drop: true))
            t.h.emulator.injectFault(FaultRule(route: "PUT blob?comp=blocklist", status: 503, retryAfter: 1))
            let (bytes, url, _) = try await upload(t, "List faults")
            #expect(try await t.blob(at: url) == bytes)
            #expect(t.h.requests("PUT blob?comp=blocklist").map(\.status) == [503, 201])
            #expect(t.h.clock.sleeps.contains(.seconds(1)), "Retry-After was honoured")
        }
    }

    @Test("a block that keeps failing fails the upload with the block named and nothing committed")
    func persistentFailure() async throws {
        try await TransferFixtures.run { t in
            let (_, url, _, path) = try await t.package("Failing", size: Self.blocks * TransferFixtures.blockSize).unpacked
            t.h.emulator.injectFault(FaultRule(route: "PUT blob?comp=block", status: 500, count: 1000, nth: 4))
            await #expect {
                _ = try await t.client.blobUploader(options: TransferFixtures.options(concurrency: 1, attempts: 3)).upload(file: path, to: url)
            } throws: { error in
                guard let e = error as? DevCenterError else { return false }
                let text = e.description
                return e.kind == .server && e.attempts == 3 && text.contains("block 4 of 6")
                    && text.contains("run the upload again") && !text.contains("sig=")
                    && e.correlationID == t.client.correlationID && text.contains("MS-CorrelationId \(t.client.correlationID)")
                    && e.requestID != nil
            }
            #expect(t.h.requests("PUT blob?comp=blocklist").isEmpty)
            #expect(try await t.blob(at: url) == nil, "no partial blob")
        }
    }

    @Test("a SAS URL expiring mid-upload is replaced by fetching the submission again; blocks sent are kept")
    func expiryWithFreshURL() async throws {
        try await TransferFixtures.run { t in
            let (submission, _, bytes, path) = try await t.package("Expiry refreshed", size: 10 * TransferFixtures.blockSize, seed: 11).unpacked
            let expired = Shared(false)
            let result = try await t.client.uploadPackage(
                from: path, to: submission, options: TransferFixtures.options(concurrency: 1)
            ) { p in
                guard p.fractionDone >= 0.4 else { return }
                let first = expired.update { (done: inout Bool) -> Bool in
                    defer { done = true }
                    return !done
                }
                if first {
                    t.h.emulator.expireSASURLs(inSeconds: 0)
                }
            }
            #expect(result.urlRefreshes == 1)
            #expect(t.h.requests("PUT blob?comp=block").map(\.status).filter { $0 == 403 }.count == 1)
            #expect(t.storedBlocks().count == 10, "no block was sent twice")
            #expect(try await t.blob(at: try await t.freshURL(submission)) == bytes)
        }
    }

    @Test("without a fresh-URL provider an expired SAS fails with urlExpired; a rerun with a fresh URL sends only the rest")
    func expiryWithoutProvider() async throws {
        try await TransferFixtures.run { t in
            let (submission, url, bytes, path) = try await t.package("Expiry", size: 10 * TransferFixtures.blockSize, seed: 12).unpacked
            let uploader = t.client.blobUploader(options: TransferFixtures.options(concurrency: 1))
            await #expect {
                _ = try await uploader.upload(file: path, to: url) { p in
                    if p.fractionDone >= 0.5 { t.h.emulator.expireSASURLs(inSeconds: 0) }
                }
            } throws: { error in
                guard let e = error as? DevCenterError else { return false }
                let text = e.description
                return e.kind == .urlExpired && text.contains("expired") && text.contains("fetching the submission again")
                    && text.contains("run the upload again") && !text.contains("sig=")
            }
            let first = t.storedBlocks().count
            t.h.emulator.clearRequestLog()
            let result = try await uploader.upload(file: path, to: try await t.freshURL(submission))
            #expect(result.blocksResumed == first && t.storedBlocks().count == 10 - first)
            #expect(try await t.blob(at: try await t.freshURL(submission)) == bytes)
        }
    }

    @Test("fresh URLs that are refused too end the upload after the allowed number of refreshes")
    func refreshesSpent() async throws {
        try await TransferFixtures.run { t in
            let submission = try await t.submission("Spent")
            let url = try #require(submission.uploadURL)
            t.h.emulator.expireSASURLs(inSeconds: 0)
            let calls = Shared(0)
            var options = TransferFixtures.options()
            options.maximumURLRefreshes = 2
            await #expect {
                _ = try await t.client.blobUploader(options: options).upload(
                    file: try t.file("s.cab", [1, 2, 3]), to: url,
                    freshURL: {
                        calls.update { $0 += 1 }
                        return url
                    })
            } throws: { error in
                guard let e = error as? DevCenterError else { return false }
                return e.kind == .urlExpired && e.message.contains("Still refused after 2 fresh URLs")
            }
            #expect(calls.value == 2)
        }
    }
}
