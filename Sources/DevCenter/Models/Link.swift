/// One entry of a resource's or a list's `links` array.
///
/// Hosts in `href` can be stale; the client builds URLs from path templates and uses a link's
/// path and query only.
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
public struct ListPage<Element: Decodable & Sendable>: Decodable, Sendable {
    public var value: [Element]
    public var links: [Link]

    public init(value: [Element], links: [Link] = []) {
        self.value = value
        self.links = links
    }

    /// The `href` of the `next_link`, when there is another page.
    public var nextLink: String? { links.first { $0.rel.lowercased() == "next_link" }?.href }

    enum CodingKeys: String, CodingKey { case value, links }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        value = try c.decodeIfPresent([Element].self, forKey: .value) ?? []
        links = try c.decodeIfPresent([Link].self, forKey: .links) ?? []
    }
}
