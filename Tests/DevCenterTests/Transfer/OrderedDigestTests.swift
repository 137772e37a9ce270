import Crypto
@testable import DevCenter
import NIOCore
import Testing

@Suite("The whole-file MD5 of blocks read by parallel tasks")
struct OrderedDigestTests {
    @Test("blocks added by tasks in any order hash as the file in order")
    func inOrder() async throws {
        let blocks = (0..<12).map { i in [UInt8](repeating: UInt8(i), count: 1000 + i) }
        let digest = OrderedDigest()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in blocks.indices.reversed() {
                group.addTask { try await digest.add(ByteBuffer(bytes: blocks[index]), index: index) }
            }
            try await group.waitForAll()
        }
        #expect(digest.finalize() == Array(Insecure.MD5.hash(data: blocks.flatMap { $0 })))
    }

    struct Failed: Error {}

    @Test("a task waiting for its turn wakes with the error when the digest is abandoned")
    func abandoned() async {
        let digest = OrderedDigest()
        let waiting = Task { try await digest.add(ByteBuffer(bytes: [1]), index: 1) }
        try? await Task.sleep(for: .milliseconds(20))
        digest.abandon(Failed())
        await #expect(throws: Failed.self) { try await waiting.value }
        await #expect(throws: Failed.self) { try await digest.add(ByteBuffer(bytes: [0]), index: 0) }
    }

    @Test("a task waiting for its turn wakes when it is cancelled")
    func cancelled() async {
        let digest = OrderedDigest()
        let waiting = Task { try await digest.add(ByteBuffer(bytes: [1]), index: 3) }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}
