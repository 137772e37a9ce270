@testable import DevCenter
import DevCenterTestSupport
import Logging
import Testing

@Suite("Replacing a refused SAS URL through the caller's provider")
struct TransferURLTests {
    let logger = Logger(label: "test")
    static let base = "https://acct.blob.core.windows.net/c/package"

    @Test("many blocks refused at once ask the provider once and all go on with its URL")
    func coalesced() async throws {
        let calls = Counter()
        let url = TransferURL("\(Self.base)?sig=old", provider: {
            calls.next()
            try await Task.sleep(for: .milliseconds(50))
            return "\(Self.base)?sig=new"
        }, maximumRefreshes: 3)
        let generations = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<8 { group.addTask { try await url.replacement(for: 0, operation: "PUT", logger: logger)?.generation } }
            return try await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        #expect(calls.count == 1)
        #expect(generations == Array(repeating: 1, count: 8))
        #expect(url.current.url.hasSuffix("sig=new") && url.refreshes == 1)
        #expect(try await url.replacement(for: 0, operation: "PUT", logger: logger)?.generation == 1, "an older refusal gets the newer URL, no new call")
        #expect(calls.count == 1)
    }

    @Test("no provider, or its refreshes spent, means no replacement")
    func none() async throws {
        #expect(try await TransferURL(Self.base, provider: nil, maximumRefreshes: 3).replacement(for: 0, operation: "PUT", logger: logger) == nil)
        let url = TransferURL(Self.base, provider: { Self.base + "?sig=x" }, maximumRefreshes: 1)
        #expect(try await url.replacement(for: 0, operation: "PUT", logger: logger)?.generation == 1)
        #expect(try await url.replacement(for: 1, operation: "PUT", logger: logger) == nil)
    }

    @Test("a fresh URL for another blob is refused, saying so")
    func otherBlob() async {
        let url = TransferURL(Self.base + "?sig=a", provider: { "https://acct.blob.core.windows.net/c/other?sig=b" }, maximumRefreshes: 3)
        await #expect { _ = try await url.replacement(for: 0, operation: "PUT", logger: logger) } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.kind == .configuration && e.message.contains("/c/other") && !e.description.contains("sig=b")
        }
    }
}
