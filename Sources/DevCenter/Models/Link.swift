/// One entry of a resource's or a list's `links` array.
///
/// Hosts in `href` can be stale; the client builds URLs from path templates and uses a link's
/// path and query only. A link whose `href` or `rel` is null cannot be read: the resource or
/// page holding it leaves it out.
public struct Link: Codable, Sendable, Hashable {
    public var href: String
    public var rel: String
    public var method: String?

    public init(href: String, rel: String, method: String? = "GET") {
        self.href = href
        self.rel = rel
        self.method = method
    }
}

/// One page of a list answer: `{"value": [...], "links": [...]}`.
///
/// The next page is named by the `links` entry whose `rel` is `next_link`, or by a top-level
/// `@nextLink` (the form the Store API on the same host sends). A link whose `href` or `rel` is
/// null is left out (with a note for the debug log), not the page.
public struct ListPage<Element: Decodable & Sendable>: Decodable, Sendable {
    public var value: [Element]
    public var links: [Link]
    /// The page's top-level `@nextLink`, when it has one.
    public var atNextLink: String?

    public init(value: [Element], links: [Link] = [], atNextLink: String? = nil) {
        self.value = value
        self.links = links
        self.atNextLink = atNextLink
    }

    /// Where the next page is (as the service wrote it), or `nil` after the last page: the
    /// `next_link` of `links` (`rel` compared without case), else `@nextLink`. An empty href is none.
    public var nextLink: String? {
        let href = links.first { $0.rel.lowercased() == "next_link" && !$0.href.trimmingSpaces.isEmpty }?.href
        return href ?? atNextLink.flatMap { $0.trimmingSpaces.isEmpty ? nil : $0 }
    }

    enum CodingKeys: String, CodingKey {
        case value, links
        case atNextLink = "@nextLink"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        value = try c.decodeIfPresent([Element].self, forKey: .value) ?? []
        links = try c.decodeArrayLeavingOutUnreadable(Link.self, forKey: .links, notes: decoder) ?? []
        atNextLink = try c.decodeURLIfPresent(forKey: .atNextLink)
    }
}
