import DevCenter

/// The transfer URLs the service handed out in this run: the `url` of every item of a
/// submission's `downloads` that reached Lua (from `hdc.submission`, `create_submission`, the
/// lists, `wait` and its `on_change`).
///
/// In a sandbox, `hdc.upload` and `hdc.download` send to and fetch from these URLs only, as
/// they were handed out (``SandboxGate``): a bare URL a sandbox made up, or a submission table
/// whose `downloads` it filled in, could otherwise carry the files it may read (or, in the
/// query, anything else) to any host. Recording costs a look at each resource's `downloads`.
final class TransferURLLedger {
    /// The most URLs kept; the oldest go first (a URL the service handed out long ago has
    /// expired anyway).
    static let capacity = 4096
    private var urls: Set<String> = []
    private var order: [String] = []
    private var oldest = 0

    /// Notes the transfer URLs in `resource` (a submission's `downloads.items[].url`; other
    /// resources have none).
    func record(_ resource: JSONValue) {
        guard let items = resource["downloads"]?["items"]?.arrayValue else { return }
        for item in items {
            guard let url = item["url"]?.stringValue, !url.isEmpty, urls.insert(url).inserted else { continue }
            order.append(url)
            if order.count - oldest > TransferURLLedger.capacity {
                urls.remove(order[oldest])
                oldest += 1
                if oldest > TransferURLLedger.capacity {
                    order.removeFirst(oldest)
                    oldest = 0
                }
            }
        }
    }

    /// True when the service handed out exactly `url` in this run.
    func contains(_ url: String) -> Bool { urls.contains(url) }

    /// `url` without its query and fragment, for messages: a SAS URL's query holds its
    /// signature.
    static func withoutQuery(_ url: String) -> String {
        String(url.prefix { $0 != "?" && $0 != "#" })
    }
}
