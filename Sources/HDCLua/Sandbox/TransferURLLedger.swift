import DevCenter

/// The transfer URLs the service handed out in this run: the `url` of every item of a
/// submission's `downloads`, its links and its error report, that reached Lua (from
/// `hdc.submission`, `create_submission`, the lists, `wait` and its `on_change`).
///
/// In a sandbox, `hdc.upload` and `hdc.download` send to and fetch from these URLs only, as
/// they were handed out (``SandboxGate``): a bare URL a sandbox made up, or a submission table
/// whose `downloads` it filled in, could otherwise carry the files it may read (or, in the
/// query, anything else) to any host. Recording costs a look at each resource's `downloads`.
final class TransferURLLedger {
    /// The most URLs kept; the oldest go first (a URL the service handed out long ago has
    /// expired anyway).
    static let capacity = 4096
    /// A keyed 64-bit hash of each URL (`Hasher` is seeded afresh in every process, so code in a
    /// sandbox cannot make a URL that matches one it was not given), in a ring of fixed size:
    /// a long run (thousands of submissions, each polled many times) keeps 32 KiB here, not the
    /// URLs. Made on first use, so a run that never meets a submission pays nothing.
    private var ring: [Int] = []
    private var next = 0

    /// Notes the transfer URLs in `resource`: every URL a transfer may take from a submission
    /// table (``transferURLs(in:)``).
    func record(_ resource: JSONValue) {
        for url in Self.transferURLs(in: resource) {
            let key = Self.key(url)
            if ring.isEmpty { ring = Array(repeating: 0, count: Self.capacity) }
            if ring.contains(key) { continue }
            ring[next] = key
            next = (next + 1) % Self.capacity
        }
    }

    /// The URLs `hdc.upload` and `hdc.download` may take from a submission: its
    /// `downloads.items[].url`, its `links[].href` (where the service may name the driver
    /// metadata) and its `workflowStatus.errorReport`; empty ones left out.
    static func transferURLs(in resource: JSONValue) -> [String] {
        var urls = (resource["downloads"]?["items"]?.arrayValue ?? []).compactMap { $0["url"]?.stringValue }
        urls += (resource["links"]?.arrayValue ?? []).compactMap { $0["href"]?.stringValue }
        if let report = resource["workflowStatus"]?["errorReport"]?.stringValue { urls.append(report) }
        return urls.filter { !$0.isEmpty }
    }

    /// True when the service handed out exactly `url` in this run.
    func contains(_ url: String) -> Bool { !ring.isEmpty && ring.contains(Self.key(url)) }

    /// Never 0, the ring's empty slot.
    private static func key(_ url: String) -> Int {
        var hasher = Hasher()
        hasher.combine(url)
        let value = hasher.finalize()
        return value == 0 ? 1 : value
    }

    /// `url` without its query and fragment, for messages: a SAS URL's query holds its
    /// signature.
    static func withoutQuery(_ url: String) -> String {
        String(url.prefix { $0 != "?" && $0 != "#" })
    }
}
