import Crypto
import NIOConcurrencyHelpers
import NIOCore

/// The MD5 of a whole file whose blocks are read by several tasks at once: each task adds its
/// block when the blocks before it have been added, so the digest sees the file in order
/// without any block being held longer than its own task holds it.
///
/// A task waiting for its turn wakes with an error when the digest is abandoned (another block
/// failed) or its task is cancelled, so a failed upload never leaves a task waiting.
final class OrderedDigest: Sendable {
    private struct State {
        var md5 = Insecure.MD5()
        var next = 0
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
        var failure: (any Error)?
    }

    private let state = NIOLockedValueBox(State())

    /// Adds block `index` (0, 1, 2, …, each once) after the blocks before it.
    func add(_ bytes: ByteBuffer, index: Int) async throws {
        try await waitForTurn(index)
        // Only the task whose turn it is touches the digest, so it hashes outside the lock and
        // tasks registering for later turns are not held up.
        var md5 = state.withLockedValue { $0.md5 }
        bytes.withUnsafeReadableBytes { md5.update(bufferPointer: $0) }
        let waiter = state.withLockedValue { s -> CheckedContinuation<Void, any Error>? in
            s.md5 = md5
            s.next += 1
            return s.waiters.removeValue(forKey: s.next)
        }
        waiter?.resume()
    }

    /// Wakes every waiting task with `error`; later calls to ``add(_:index:)`` throw it too.
    func abandon(_ error: any Error) {
        let waiters = state.withLockedValue { s -> [CheckedContinuation<Void, any Error>] in
            if s.failure == nil { s.failure = error }
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    /// The digest of everything added.
    func finalize() -> [UInt8] { state.withLockedValue { Array($0.md5.finalize()) } }

    private func waitForTurn(_ index: Int) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let ready: Result<Void, any Error>? = state.withLockedValue { s in
                    if let failure = s.failure { return .failure(failure) }
                    if s.next == index { return .success(()) }
                    s.waiters[index] = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            abandon(CancellationError())
        }
    }
}
