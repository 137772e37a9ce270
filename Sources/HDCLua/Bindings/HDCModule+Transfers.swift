import DevCenter
import LuaKit

extension HDCModule {
    static var transferBindings: [HDCBinding] { [upload, download, downloadURL] }

    /// The options of `upload` and `download`.
    static let transferOptionsDoc = "`concurrency` (blocks or ranges in flight, 1 to 64, default 4), `block_size` (bytes, default 8 MiB), `single_put_threshold` (bytes up to which one request carries the whole file, default 8 MiB), `request_timeout` (seconds for one request, default 300 or `HDC_REQUEST_TIMEOUT`), `max_url_refreshes` (fresh SAS URLs it may fetch, default 3), `checksum` (upload: what every block carries for the service to check, `crc64` (default) or `md5`), `file_md5` (upload: `true` also computes the whole file's MD5, in the same pass, and records it as the blob's `Content-MD5`; default false), `on_progress` (a function called with an `hdc.TransferProgress` about twice a second and at each phase; it may call `hdc`)"

    private static var upload: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "upload",
            summary: "Uploads a package file to a submission (or to any SAS URL), in parallel blocks; a rerun sends only the blocks missing.",
            parameters: [
                LuaParameterDoc("target", "hdc.Submission|integer|string", "a submission table, the product ID followed by the submission ID, or a SAS URL"),
                LuaParameterDoc("path", "string", "the package file"),
                LuaParameterDoc("options", "table", optional: true, transferOptionsDoc),
            ],
            returns: [LuaReturnDoc("hdc.UploadResult", "what was sent")],
            example: """
                local sent = hdc.upload(submission, "contoso-widget.zip", {
                  concurrency = 8,
                  on_progress = function(p) print(p.summary) end,
                })
                print(sent.bytes, sent.blocks_sent, sent.blocks_resumed)
                """,
            access: .write,
            notes: "Goes to the submission's `initialPackage` (or `derivedPackage`) URL, fetching the submission when the table has none. When the URL expires mid-way, a submission's upload fetches a fresh one and goes on; a bare URL fails with kind `urlExpired`. A failure commits nothing, and running the same upload again sends only what is missing. A missing or unreadable file is kind `localFile`.",
            isClientMethod: true)
        ) { b in
            let (target, next) = try b.transferTarget(1)
            _ = try b.string(next)  // a string: a number here is more likely an ID out of place
            let path = try b.path(next, .read).opened
            let (options, optionsIndex) = try b.transferOptions(next + 1)
            let startURL = b.downloadURL(inArgument: 1, of: [.initialPackage, .derivedPackage])
            let client = target.isURL ? nil : try b.client().client
            let uploader = b.runtime.blobUploader(client: client, options: options)
            return try b.transfer(path, optionsIndex: optionsIndex, { report in
                switch target {
                case .url(let url):
                    return try await uploader.upload(file: path, to: url, progress: report)
                case .submission(let productID, let submissionID):
                    return try await client!.uploadPackage(
                        from: path, productID: productID, submissionID: submissionID, uploadURL: startURL, options: options,
                        progress: report)
                }
            }, fields: { (sent: UploadResult) in
                var fields: [String: LuaValue] = [
                    "method": LuaValue(sent.method.rawValue), "bytes": .integer(sent.bytes),
                    "checksum": LuaValue(sent.checksum.rawValue), "content_crc64": LuaValue(sent.contentCRC64),
                    "block_size": .integer(Int64(sent.blockSize)),
                    "block_count": .integer(Int64(sent.blockCount)), "blocks_sent": .integer(Int64(sent.blocksSent)),
                    "blocks_resumed": .integer(Int64(sent.blocksResumed)), "bytes_sent": .integer(sent.bytesSent),
                    "retries": .integer(Int64(sent.retries)), "url_refreshes": .integer(Int64(sent.urlRefreshes)),
                    "duration": .number(sent.duration.seconds), "bytes_per_second": .number(sent.bytesPerSecond),
                ]
                if let md5 = sent.contentMD5 { fields["content_md5"] = LuaValue(md5) }
                return fields
            })
        }
    }

    private static var download: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "download",
            summary: "Downloads a submission's signed package, driver metadata or report to a file (or any SAS URL), checked against its MD5.",
            parameters: [
                LuaParameterDoc("target", "hdc.Submission|integer|string", "a submission table, the product ID followed by the submission ID, or a SAS URL (then no `kind`)"),
                LuaParameterDoc("kind", "string", "the download's `type`: \"signedPackage\", \"driverMetadata\", \"errorReport\", \"initialPackage\", …"),
                LuaParameterDoc("path", "string", "the file to write (replaced only once the download is complete and checked)"),
                LuaParameterDoc("options", "table", optional: true, transferOptionsDoc),
            ],
            returns: [LuaReturnDoc("hdc.DownloadResult", "what was received")],
            example: """
                local signed = hdc.wait(submission)
                local got = hdc.download(signed, "signedPackage", "contoso-widget-signed.zip")
                print(got.path, got.bytes, got.md5_verified)
                """,
            access: .read,
            notes: "Uses the table's URL of that kind (as `hdc.download_url` finds it: in `downloads.items`, or in `links`), or fetches the submission when the table has none (kind `notFound` when the submission has no such download yet). The file appears under `path` only when every byte is there and its MD5 matches; a failure leaves a file already there as it was. An expired URL is replaced by a fresh one. The `certificationReport` is a page of the dashboard, not a file: nothing is fetched, and it raises kind `forbidden` with the page's URL, to open in a browser signed in to Partner Center.",
            isClientMethod: true)
        ) { b in
            let (target, afterTarget) = try b.transferTarget(1)
            let kind = target.isURL ? DownloadType.signedPackage : DownloadType(rawValue: try b.string(afterTarget))
            let next = target.isURL ? afterTarget : afterTarget + 1
            _ = try b.string(next)
            let path = try b.path(next, .write).opened
            let (options, optionsIndex) = try b.transferOptions(next + 1)
            let startURL = b.downloadURL(inArgument: 1, of: [kind])
            let client = target.isURL ? nil : try b.client().client
            let downloader = b.runtime.blobDownloader(client: client, options: options)
            return try b.transfer(path, optionsIndex: optionsIndex, { report in
                switch target {
                case .url(let url):
                    return try await downloader.download(from: url, to: path, progress: report)
                case .submission(let productID, let submissionID):
                    return try await client!.download(
                        kind, productID: productID, submissionID: submissionID, url: startURL, to: path, options: options,
                        progress: report)
                }
            }, fields: downloadFields)
        }
    }

    /// The `hdc.DownloadResult` table of a download.
    static func downloadFields(_ got: DownloadResult) -> [String: LuaValue] {
        var fields: [String: LuaValue] = [
            "path": LuaValue(got.path), "bytes": .integer(got.bytes), "md5_verified": .boolean(got.md5Verified),
            "requests": .integer(Int64(got.requests)), "retries": .integer(Int64(got.retries)),
            "url_refreshes": .integer(Int64(got.urlRefreshes)), "duration": .number(got.duration.seconds),
            "bytes_per_second": .number(got.bytesPerSecond),
        ]
        if let md5 = got.contentMD5 { fields["content_md5"] = LuaValue(md5) }
        return fields
    }

    private static var downloadURL: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "download_url",
            summary: "The URL of a submission's download of a kind, as the submission table names it; nil when it has none yet.",
            parameters: [
                LuaParameterDoc("submission", "hdc.Submission", "a submission table, as `hdc.submission` or `hdc.wait` returns it"),
                LuaParameterDoc("kind", "string", "the download's `type`: \"signedPackage\", \"driverMetadata\", \"certificationReport\", \"errorReport\", …"),
            ],
            returns: [LuaReturnDoc("string|nil", name: "url", "the URL, or nil")],
            example: """
                if not hdc.download_url(signed, "driverMetadata") then hdc.request_metadata(signed) end
                """,
            access: .local,
            notes: "Looks in `downloads.items` for an item of that `type`, then in `links` for one whose `rel` names it (the service may name `driverMetadata` there), both compared without case; for \"errorReport\", also `workflowStatus.errorReport`. An empty URL is none. The `certificationReport` is a page of the dashboard, to open in a browser signed in to Partner Center; the other URLs are SAS URLs, secrets while they are valid. Fetches nothing.")
        ) { b in
            try b.call.table(b.index(1))
            let kind = DownloadType(rawValue: try b.string(2))
            if let url = b.downloadURL(inArgument: 1, of: [kind]) { b.stack.push(url) } else { b.stack.pushNil() }
            return .values(1)
        }
    }
}
