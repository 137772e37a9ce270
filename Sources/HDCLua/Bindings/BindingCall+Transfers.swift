import DevCenter
import LuaKit

/// Where `hdc.upload` and `hdc.download` send or fetch: a submission's own URLs, or a bare SAS URL.
enum TransferTarget {
    case submission(productID: Int64, submissionID: Int64)
    case url(String)

    var isURL: Bool {
        if case .url = self { return true }
        return false
    }
}

extension BindingCall {
    /// The target at argument `n`: a SAS URL (a string with `://`), or a submission as
    /// ``submission(_:)`` reads it. Also returns the number of the argument after it.
    func transferTarget(_ n: Int32) throws(LuaArgumentError) -> (TransferTarget, next: Int32) {
        if stack.type(at: index(n)) == .string, let text = stack.string(at: index(n)), text.contains("://") {
            return (.url(text), n + 1)
        }
        switch stack.type(at: index(n)) {
        case .table, .number, .string: break
        default: throw call.typeError(index(n), expected: "submission, ID or SAS URL")
        }
        let (productID, submissionID, next) = try submission(n)
        return (.submission(productID: productID, submissionID: submissionID), next)
    }

    /// The URL of the first download of one of `types` in the submission table at argument `n`:
    /// a `downloads.items[i]` of that `type`, else a `links[i]` whose `rel` names it (the service
    /// may list `driverMetadata` there), compared without case, and for `errorReport` the
    /// `workflowStatus.errorReport`; nil when it is not a table or has none (the submission is
    /// then fetched for it). An empty URL is none.
    func downloadURL(inArgument n: Int32, of types: [DownloadType]) -> String? {
        let table = index(n)
        guard stack.type(at: table) == .table else { return nil }
        var found: [DownloadType: String] = [:]
        collectURLs(of: table, list: "downloads", field: "items", kind: "type", url: "url", into: &found)
        collectURLs(of: table, list: nil, field: "links", kind: "rel", url: "href", into: &found)
        if types.contains(.errorReport), found[.errorReport] == nil {
            let base = stack.top
            defer { stack.top = base }
            if stack.rawGet(at: table, "workflowStatus") == .table, stack.rawGet(at: -1, "errorReport") == .string,
                let text = stack.string(at: -1), !text.allSatisfy(\.isWhitespace)
            {
                found[.errorReport] = text
            }
        }
        return types.lazy.compactMap { found[$0] }.first
    }

    /// The first non-empty `url` of each `kind` among the entries of `table[list][field]` (or
    /// `table[field]` when `list` is nil), kept where `found` has none yet.
    private func collectURLs(
        of table: Int32, list: String?, field: String, kind: String, url: String, into found: inout [DownloadType: String]
    ) {
        let base = stack.top
        defer { stack.top = base }
        var parent = table
        if let list {
            guard stack.rawGet(at: table, list) == .table else { return }
            parent = -1
        }
        guard stack.rawGet(at: parent, field) == .table else { return }
        var item: Int64 = 1
        while stack.rawGet(at: -1, index: item) == .table {
            if stack.rawGet(at: -1, kind) == .string, let name = stack.string(at: -1) {
                stack.pop()
                if stack.rawGet(at: -1, url) == .string, let text = stack.string(at: -1), !text.allSatisfy(\.isWhitespace) {
                    found[DownloadType(rawValue: name)] = found[DownloadType(rawValue: name)] ?? text
                }
            }
            stack.pop(2)
            item += 1
        }
    }

    /// The transfer options at argument `n` (may be absent), and the stack index of the table
    /// for `on_progress`.
    func transferOptions(_ n: Int32) throws(LuaArgumentError) -> (TransferOptions, index: Int32?) {
        guard let table = try options(n) else { return (runtime.defaultTransferOptions, nil) }
        try table.refuseUnknown([
            "concurrency", "block_size", "single_put_threshold", "request_timeout", "max_url_refreshes", "checksum", "file_md5",
            "on_progress",
        ])
        var options = runtime.defaultTransferOptions
        if let value = try table.integer("concurrency") { options.concurrency = Int(clamping: value) }
        if let value = try table.integer("block_size") { options.blockSize = Int(clamping: value) }
        if let value = try table.integer("single_put_threshold") { options.singlePutThreshold = Int(clamping: value) }
        if let value = try table.seconds("request_timeout") { options.requestTimeout = value }
        if let value = try table.integer("max_url_refreshes") { options.maximumURLRefreshes = Int(clamping: value) }
        if let value = try table.string("checksum") {
            guard let checksum = TransferChecksum(rawValue: value.lowercased()) else {
                throw LuaArgumentError(argument: index(n), message: "field 'checksum': \"crc64\" or \"md5\" expected, got \"\(value)\"")
            }
            options.checksum = checksum
        }
        if let value = try table.boolean("file_md5") { options.fileMD5 = value }
        _ = try table.function("on_progress")
        if let problem = options.problems.first {
            throw LuaArgumentError(argument: index(n), message: problem)
        }
        return (options, table.index)
    }

    /// Runs a transfer of the file `path` in the background: its progress goes to stderr (as
    /// the run shows progress) and to `on_progress` (in the options table at `optionsIndex`),
    /// and its result becomes the table `fields` makes.
    func transfer<Value: Sendable>(
        _ path: String, optionsIndex: Int32?,
        _ work: @escaping @Sendable (_ report: @escaping TransferProgressHandler) async throws -> Value,
        fields: @escaping (Value) -> [String: LuaValue]
    ) throws -> LuaReturn {
        let display = runtime.transferDisplay
        let shown = display.begin(path)
        do {
            return try drive(
                { report in
                    defer { display.end(shown) }
                    return try await work { progress in
                        if let shown { display.show(shown, progress) }
                        report(progress)
                    }
                },
                coalescingUpdates: true, callback: (optionsIndex, "on_progress"),
                push: { progress, stack in stack.push(Self.fields(of: progress)) }
            ) { call, outcome in
                call.stack.push(fields(try outcome.get()))
                return .values(1)
            }
        } catch {
            display.end(shown)
            throw error
        }
    }

    /// The `hdc.TransferProgress` table `on_progress` gets.
    static func fields(of progress: TransferProgress) -> [String: LuaValue] {
        var fields: [String: LuaValue] = [
            "direction": LuaValue(progress.direction.rawValue), "phase": LuaValue(progress.phase.rawValue),
            "bytes_done": .integer(progress.bytesDone), "total_bytes": .integer(progress.totalBytes),
            "resumed_bytes": .integer(progress.resumedBytes), "bytes_per_second": .number(progress.bytesPerSecond),
            "elapsed": .number(progress.elapsed.seconds), "fraction": .number(progress.fractionDone),
            "summary": LuaValue(progress.description),
        ]
        if let remaining = progress.estimatedTimeRemaining { fields["eta"] = .number(remaining.seconds) }
        return fields
    }
}
