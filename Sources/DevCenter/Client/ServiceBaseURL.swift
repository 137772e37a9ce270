import Foundation

/// The base URL of the hardware API, and how paths and `next_link`s are placed under it.
///
/// Defaults to `https://manage.devcenter.microsoft.com/v2.0/my/hardware`; the retired v1.0 base
/// and the emulator's loopback base are accepted alike.
public struct ServiceBaseURL: Sendable, Hashable, CustomStringConvertible {
    /// The base without a trailing slash.
    public let string: String
    /// The base's path (`/v2.0/my/hardware`), without a trailing slash.
    public let path: String

    public static let defaultString = "https://manage.devcenter.microsoft.com/v2.0/my/hardware"
    public static let `default` = try! ServiceBaseURL(defaultString)

    /// Checks that `text` is an absolute http(s) URL with a host and no query.
    public init(_ text: String) throws {
        let trimmed = URLPath.trimmingTrailingSlashes(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil
        else {
            throw DevCenterError.configuration(
                "The base URL \"\(text)\" is not an absolute http(s) URL",
                advice: "Set HDC_BASE_URL (or the profile's base_url) to a URL like \(Self.defaultString).")
        }
        self.string = trimmed
        self.path = URLPath.trimmingTrailingSlashes(components.percentEncodedPath)
    }

    public var description: String { string }

    /// The absolute URL of `pathAndQuery` (which starts with `/`).
    public func url(for pathAndQuery: String) -> String { string + pathAndQuery }

    /// The absolute URL of a list's next link: only the link's path and query are used, placed
    /// under this base, because published answers carry stale hosts and versions. The service
    /// writes next links in several forms, each resolved against what it is relative to:
    ///
    /// - absolute (`https://…/v2.0/my/hardware/products?…`): the part after `/my/hardware`;
    /// - a path from the host (`/v2.0/my/hardware/products?…`): the same;
    /// - relative to the service root `…/v2.0/my/` (`hardware/products?…`): under the base, not
    ///   as `…/hardware/hardware/products`;
    /// - relative to the base (`products?…`, `/products?…`): under the base.
    public func resolve(nextLink href: String) -> String {
        let trimmed = href.trimmingCharacters(in: .whitespaces)
        let components = URLComponents(string: trimmed)
        var linkPath = components?.percentEncodedPath ?? trimmed
        let query = components?.percentEncodedQuery.map { "?" + $0 } ?? ""
        if components?.host == nil, !linkPath.hasPrefix("/") {
            if linkPath.lowercased().hasPrefix("hardware/") {
                return string + linkPath.dropFirst("hardware".count) + query
            }
            linkPath = "/" + linkPath
        }
        if !path.isEmpty, linkPath.hasPrefix(path + "/") || linkPath == path {
            linkPath = String(linkPath.dropFirst(path.count))
        } else if let marker = linkPath.range(of: "/my/hardware", options: .caseInsensitive) {
            linkPath = String(linkPath[marker.upperBound...])
        }
        if !linkPath.hasPrefix("/") { linkPath = "/" + linkPath }
        return string + linkPath + query
    }
}
