import Foundation

/// Pre-production signing: a driver package sent as the body of `PUT /preprod/packages/`, its
/// signing status, its assets (the signed package) and their download.
extension DevCenterClient {
    /// Sends the package at `path` for pre-production signing, streamed from disk as
    /// `application/octet-stream`, and returns the new package (`signingStatus` `NotStarted`).
    ///
    /// Each request makes a new package and the API lists none, so the request is sent again
    /// only when it provably did not reach the service; after an ambiguous failure the call
    /// raises ``DevCenterError/Kind/uncertainOutcome`` instead of risking a second package.
    public func submitPreprodPackage(from path: String) async throws -> PreprodPackage {
        let size = Int(try SourceFile(path: path).size)
        let endpoint = Endpoint.submitPreprodPackage()
        let operation = endpoint.operation
        return try await execute(
            method: endpoint.method, url: baseURL.url(for: endpoint.pathAndQuery), operation: operation, body: nil,
            operationClass: endpoint.operationClass, upload: UploadedFile(path: path, size: size),
            reconcile: { cause in
                throw DevCenterError.uncertainOutcome(
                    operation: operation,
                    check: "the service lists no pre-production packages, so look in Partner Center for a package of \(path) sent just now before sending it again; each PUT makes a new package.",
                    cause: cause)
            },
            finish: { [logger] response in try Self.decode(PreprodPackage.self, from: response, operation: operation, logger: logger) })
    }

    /// A pre-production package with its `signingStatus` (and `error` once it failed).
    public func preprodPackage(id: String) async throws -> PreprodPackage {
        try await send(.preprodPackage(id), as: PreprodPackage.self)
    }

    /// The assets of a package: the signed package once `signingStatus` is `Succeeded`, none
    /// before. The service answers a bare JSON array; a `value` envelope is read too.
    public func preprodAssets(packageID: String) async throws -> [PreprodAsset] {
        let endpoint = Endpoint.preprodAssets(packageID)
        guard let json = try await send(endpoint) else { return [] }
        var list = json
        if case .object(let members) = json, let value = members["value"] ?? members["assets"] { list = value }
        do {
            return try list.decode([PreprodAsset].self)
        } catch {
            throw DevCenterError.invalidResponse(
                operation: endpoint.operation, detail: "the assets could not be read: \(DecodingErrorText.describe(error))")
        }
    }

    /// One asset of a package.
    public func preprodAsset(packageID: String, assetID: String) async throws -> PreprodAsset {
        try await send(.preprodAsset(packageID, assetID: assetID), as: PreprodAsset.self)
    }

    /// Downloads an asset of a package (the signed package) to the file `path`, which appears
    /// only once the download is complete.
    ///
    /// The service answers with the content or redirects to a SAS URL; a redirect is followed by
    /// the blob downloader (no token goes to storage), and an expired one is asked for again.
    public func downloadPreprodAsset(
        packageID: String, assetID: String, to path: String, options: TransferOptions = TransferOptions(),
        progress: TransferProgressHandler? = nil
    ) async throws -> DownloadResult {
        let endpoint = Endpoint.preprodAssetDownload(packageID, assetID: assetID)
        let url = baseURL.url(for: endpoint.pathAndQuery)
        let started = clock.now
        let locate: @Sendable () async throws -> TransportResponse = { [self] in
            try await execute(
                method: "GET", url: url, operation: endpoint.operation, body: nil, operationClass: .read,
                acceptsRedirect: true, reconcile: nil, finish: { $0 })
        }
        let first = try await locate()
        guard (300..<400).contains(first.status) else {
            return try Self.write(first.body, to: path, since: started, clock: clock)
        }
        let location: FreshSASURLProvider = {
            let answer = try await locate()
            guard let href = answer.headers["Location"], !href.isEmpty else {
                throw DevCenterError.invalidResponse(
                    operation: endpoint.operation, detail: "the redirect (\(answer.status)) names no Location", status: answer.status)
            }
            return href
        }
        guard let start = first.headers["Location"], !start.isEmpty else {
            throw DevCenterError.invalidResponse(
                operation: endpoint.operation, detail: "the redirect (\(first.status)) names no Location", status: first.status)
        }
        return try await blobDownloader(options: options).download(from: start, to: path, progress: progress, freshURL: location)
    }

    /// Writes an asset the service answered with to `path`, whole or not at all.
    private static func write(_ body: [UInt8], to path: String, since started: Duration, clock: DevCenterClock) throws -> DownloadResult {
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: Data(body)) else {
            throw DevCenterError.localFile(errno: errno, "write", partial, forWriting: true)
        }
        if rename(partial, path) != 0 {
            let code = errno
            unlink(partial)
            throw DevCenterError.localFile(errno: code, "rename the download to", path, forWriting: true)
        }
        return DownloadResult(
            path: path, bytes: Int64(body.count), contentMD5: nil, md5Verified: false, requests: 1, retries: 0, urlRefreshes: 0,
            duration: clock.now - started)
    }
}
