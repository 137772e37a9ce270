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

    /// The items of every page that `isIncluded` keeps; the others are let go page by page, so
    /// looking through a large account holds one page, not the account, in memory.
    public func collect(where isIncluded: (Element) throws -> Bool) async throws -> [Element] {
        var kept: [Element] = []
        for try await item in self {
            if try isIncluded(item) { kept.append(item) }
        }
        return kept
    }

    /// The pages themselves, one array of items each, fetched as they are asked for: for
    /// callers that hand out a page at a time (the `hdc` Lua iterators).
    public var pages: Pages { Pages(sequence: self) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        private var pages: PageIterator
        private var buffer: [Element] = []
        private var index = 0

        init(sequence: PagedSequence) { pages = PageIterator(sequence: sequence) }

        public mutating func next() async throws -> Element? {
            while index >= buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = page
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    /// The pages of a ``PagedSequence``.
    public struct Pages: AsyncSequence, Sendable {
        let sequence: PagedSequence

        public func makeAsyncIterator() -> PageIterator { PageIterator(sequence: sequence) }
    }

    /// Fetches one page per call, following `next_link`; `nil` after the last page. A page may
    /// be empty when the service sends an empty page with a link to more.
    public struct PageIterator: AsyncIteratorProtocol, Sendable {
        let sequence: PagedSequence
        private var nextURL: String?
        private var started = false
        private var seen: Set<String> = []

        init(sequence: PagedSequence) { self.sequence = sequence }

        public mutating func next() async throws -> [Element]? {
            if started && nextURL == nil { return nil }
            let url = nextURL
            started = true
            let page = try await sequence.fetchPage(url)
            nextURL = page.nextLink.map(sequence.resolveNextLink)
            if let next = nextURL {
                // A service that hands back a link it gave before would make this loop forever.
                guard seen.insert(next).inserted else {
                    throw DevCenterError.invalidResponse(
                        operation: "GET \(AsyncHTTPClientTransport.pathForMessages(next))",
                        detail: "the list's next_link points back to a page already read")
                }
            }
            return page.value
        }
    }
}
