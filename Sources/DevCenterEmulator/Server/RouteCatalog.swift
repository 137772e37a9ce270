import Foundation

/// Every route name a fault rule may name: the hardware API's, the token and identity
/// endpoints' and the blob operations, as the request log spells them.
enum RouteCatalog {
    static let names: [String] = HardwareService.routeNames + TokenService.routeNames + IdentityRoutes.routeNames + BlobService.routeNames

    /// Whether a fault rule's `route` names a route (ignoring case and surrounding spaces), or is `*`.
    static func isKnown(_ route: String) -> Bool {
        let wanted = route.trimmingCharacters(in: .whitespaces).lowercased()
        return wanted == "*" || names.contains { $0.lowercased() == wanted }
    }

    /// The known route nearest to `route` (fewest single-character edits, any `{…}` placeholder
    /// being as good as another), for "did you mean".
    static func closest(to route: String) -> String? {
        let wanted = shape(route)
        return names.min { distance(wanted, shape($0)) < distance(wanted, shape($1)) }
    }

    /// `route` lower-cased, trimmed, with each `{…}` placeholder reduced to `{}`.
    private static func shape(_ route: String) -> [Character] {
        var out: [Character] = []
        var inPlaceholder = false
        for c in route.trimmingCharacters(in: .whitespaces).lowercased() {
            if inPlaceholder {
                if c == "}" { inPlaceholder = false; out.append(c) }
                continue
            }
            out.append(c)
            if c == "{" { inPlaceholder = true }
        }
        return out
    }

    /// Levenshtein distance.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
