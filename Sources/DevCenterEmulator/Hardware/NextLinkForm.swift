/// How the emulator writes the link to a list's next page: each form the service (or its
/// sibling Store API on the same host) has been seen to send, so that clients are tested
/// against all of them. Chosen with `--next-link-form` or a scenario's `nextLinkForm`.
public enum NextLinkForm: String, Codable, Sendable, CaseIterable {
    /// `links[rel=next_link].href` = `http://host:port/v2.0/my/hardware/products?continuationToken=…`.
    case absolute
    /// `links[rel=next_link].href` = `hardware/products?continuationToken=…`, relative to the
    /// service root `…/v2.0/my/`.
    case relative
    /// `links[rel=next_link].href` = `/v2.0/my/hardware/products?continuationToken=…`.
    case path
    /// A top-level `"@nextLink": "hardware/products?continuationToken=…"` and no `next_link`,
    /// as the Store API writes it.
    case atNextLink = "@nextLink"

    /// The names the flag and the scenario accept.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
