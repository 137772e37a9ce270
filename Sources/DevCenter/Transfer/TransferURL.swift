import Logging
import NIOConcurrencyHelpers

/// Where a caller gets a fresh SAS URL for the same blob when the one a transfer holds is
/// refused (403 `AuthenticationFailed`: expired, or revoked). A submission's provider fetches
/// the submission again: every answer carries newly signed URLs.
public typealias FreshSASURLProvider = @Sendable () async throws -> String

/// The SAS URL a transfer's requests use, replaced through the caller's provider when the
/// storage service refuses it. Many blocks may hit the refusal at once: the first asks the
/// provider, the others wait for the same answer, and all go on with the new URL.
final class TransferURL: Sendable {
    /// A URL and how many times it was replaced before.
    struct Current: Sendable {
        var url: String
        var generation: Int
    }

    private enum Step {
        case use(Current)
        case wait(Task<Current, any Error>)
        case giveUp
    }

    private struct State {
        var current: Current
        var refreshes = 0
        var pending: Task<Current, any Error>?
    }

    private let provider: FreshSASURLProvider?
    private let maximumRefreshes: Int
    private let state: NIOLockedValueBox<State>
    /// The blob's path: a fresh URL must name the same blob.
    let blobPath: String

    init(_ url: String, provider: FreshSASURLProvider?, maximumRefreshes: Int) {
        self.provider = provider
        self.maximumRefreshes = maximumRefreshes
        self.blobPath = AsyncHTTPClientTransport.pathForMessages(url)
        self.state = NIOLockedValueBox(State(current: Current(url: url, generation: 0)))
    }

    var current: Current { state.withLockedValue { $0.current } }

    /// How many fresh URLs were fetched.
    var refreshes: Int { state.withLockedValue { $0.refreshes } }

    /// Whether a refused URL can be replaced at all.
    var canRefresh: Bool { provider != nil && maximumRefreshes > 0 }

    /// A URL newer than `generation` (the one that was refused), or `nil` when there is none to
    /// be had (no provider, or its refreshes are spent). A provider's error is thrown.
    func replacement(for generation: Int, operation: String, logger: Logger) async throws -> Current? {
        let step: Step = state.withLockedValue { s in
            if s.current.generation > generation { return .use(s.current) }
            if let pending = s.pending { return .wait(pending) }
            guard let provider, s.refreshes < maximumRefreshes else { return .giveUp }
            s.refreshes += 1
            logger.notice(
                "\(operation): the storage service refused the SAS URL; getting a fresh one (\(s.refreshes) of at most \(maximumRefreshes))")
            let task = Task { [state, blobPath] in
                do {
                    let url = try await provider()
                    guard AsyncHTTPClientTransport.pathForMessages(url) == blobPath else {
                        throw DevCenterError.configuration(
                            "The fresh URL for \(blobPath) names another blob (\(AsyncHTTPClientTransport.pathForMessages(url)))",
                            advice: "Start the transfer again with the new URL; a new upload starts from its first block.")
                    }
                    return state.withLockedValue { s in
                        s.current = Current(url: url, generation: s.current.generation + 1)
                        s.pending = nil
                        return s.current
                    }
                } catch {
                    state.withLockedValue { $0.pending = nil }
                    throw error
                }
            }
            s.pending = task
            return .wait(task)
        }
        switch step {
        case .use(let current): return current
        case .giveUp: return nil
        case .wait(let task):
            return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        }
    }
}
