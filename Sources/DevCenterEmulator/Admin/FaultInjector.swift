import DevCenter
import Foundation

/// Holds the injected faults and the rate limit, and decides, request by request, which applies.
final class FaultInjector: Sendable {
    /// A rule with its counters.
    struct ActiveRule: Sendable {
        var rule: FaultRule
        var id: Int
        var matched = 0
        var applied = 0
        var random: SplitMix64

        /// The rule as JSON, with its ID and counters, for the admin API.
        var json: JSONValue {
            guard case .object(var members) = (try? JSONValue(encoding: rule)) ?? [:] else { return [:] }
            members["id"] = .integer(Int64(id))
            members["matched"] = .integer(Int64(matched))
            members["applied"] = .integer(Int64(applied))
            return .object(members)
        }

        var remaining: Int? {
            if let count = rule.count { return max(0, count - applied) }
            return rule.probability == nil ? max(0, 1 - applied) : nil
        }
    }

    private let state = LockedValue<(rules: [ActiveRule], nextID: Int, rateLimit: Int?, window: MinuteWindow)>(([], 1, nil, MinuteWindow()))

    func add(_ rule: FaultRule) -> Int {
        state.withLock { s in
            let id = s.nextID
            s.nextID += 1
            s.rules.append(ActiveRule(rule: rule, id: id, random: SplitMix64(seed: rule.seed ?? UInt64(id))))
            return id
        }
    }

    func clear() { state.withLock { $0.rules = [] } }

    func reset() { state.withLock { $0 = ([], 1, nil, MinuteWindow()) } }

    var rules: [ActiveRule] { state.withLock { $0.rules } }

    var rateLimit: Int? { state.withLock { $0.rateLimit } }

    /// Sets the per-minute limit on hardware API requests; `nil` or 0 turns it off.
    func setRateLimit(_ perMinute: Int?) {
        state.withLock { s in
            s.rateLimit = (perMinute ?? 0) > 0 ? perMinute : nil
            s.window = MinuteWindow()
        }
    }

    /// Counts a hardware API request against the limit; returns the seconds to wait when it is over.
    func rateLimited(at now: Date) -> Int? {
        state.withLock { s in
            guard let limit = s.rateLimit else { return nil }
            return s.window.admit(limit: limit, now: now)
        }
    }

    /// The fault for a request to `route`, if a rule applies; counts the request against every matching rule.
    func fault(for route: String) -> FaultRule? {
        state.withLock { s in
            var chosen: FaultRule?
            for i in s.rules.indices where Self.matches(s.rules[i].rule.route, route) {
                s.rules[i].matched += 1
                guard chosen == nil else { continue }
                if let nth = s.rules[i].rule.nth, s.rules[i].matched < nth { continue }
                if let remaining = s.rules[i].remaining, remaining == 0 { continue }
                if let p = s.rules[i].rule.probability, s.rules[i].random.nextUnit() >= p { continue }
                s.rules[i].applied += 1
                chosen = s.rules[i].rule
            }
            return chosen
        }
    }

    /// Whether a rule's route names `route`: exact (ignoring case and surrounding spaces), or `*`.
    static func matches(_ pattern: String, _ route: String) -> Bool {
        let p = pattern.trimmingCharacters(in: .whitespaces)
        return p == "*" || p.lowercased() == route.lowercased()
    }
}
