/// The items of a list answer, fetched page by page as they are consumed, following each
/// page's `next_link` until there is none.
///
/// Nothing is fetched until iteration starts; breaking out of a loop fetches no further pages.
public struct PagedSequence<Element: Decodable & Sendable>: AsyncSequence, Sendable {
    /// Fetches the page at `url`, or the first page when `url` is `nil`.
    public typealias PageFetcher = @Sendable (_ url: String?) async throws -> ListPage<Element>

    private let fetchPage: PageFetcher
    private let resolveNextLink: @Sendable (String) -> String

    /// - Parameters:
    ///   - resolveNextLink: turns a `next_link` href into the absolute URL to fetch.
    public init(resolveNextLink: @escaping @Sendable (String) -> String, fetchPage: @escaping PageFetcher) {
        self.fetchPage = fetchPage
        self.resolveNextLink = resolveNextLink
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(sequence: self) }

    /// Every item of every page.
    public func collect() async throws -> [Element] {
        var all: [Element] = []
        for try await item in self { all.append(item) }
        return all
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: PagedSequence
        private var buffer: [Element] = []
        private var index = 0
        private var nextURL: String?
        private var started = false
        private var seen: Set<String> = []

        init(sequence: PagedSequence) { self.sequence = sequence }

        public mutating func next() async throws -> Element? {
            while index >= buffer.count {
                if started && nextURL == nil { return nil }
                let url = nextURL
                started = true
                let page = try await sequence.fetchPage(url)
                buffer = page.value
                index = 0
                nextURL = page.nextLink.map(sequence.resolveNextLink)
                if let next = nextURL {
                    // A service that hands back a link it gave before would make this loop forever.
                    guard seen.insert(next).inserted else {
                        throw DevCenterError.invalidResponse(
                            operation: "GET \(AsyncHTTPClientTransport.pathForMessages(next))",
                            detail: "the list's next_link points back to a page already read")
                    }
                }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}
