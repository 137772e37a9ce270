extension DevCenterClient {
    /// An uploader that sends through this client's transport, waits on its clock and logs
    /// through its redacting logger.
    public func blobUploader(options: TransferOptions = TransferOptions()) -> BlobUploader {
        var uploader = BlobUploader(options: options, transport: transport, clock: clock, logger: logger)
        uploader.correlationID = correlationID
        return uploader
    }

    /// A downloader that sends through this client's transport, waits on its clock and logs
    /// through its redacting logger.
    public func blobDownloader(options: TransferOptions = TransferOptions()) -> BlobDownloader {
        var downloader = BlobDownloader(options: options, transport: transport, clock: clock, logger: logger)
        downloader.correlationID = correlationID
        return downloader
    }

    /// Uploads the package at `path` to a submission's upload URL (`initialPackage` or
    /// `derivedPackage`). When the URL expires mid-upload, the submission is fetched again for a
    /// fresh one and the upload goes on with the blocks already sent; a rerun after an
    /// interruption sends only the missing blocks.
    ///
    /// - Parameter uploadURL: the URL to start with; `nil` fetches the submission for it.
    public func uploadPackage(
        from path: String, productID: Int64, submissionID: Int64, uploadURL: String? = nil,
        options: TransferOptions = TransferOptions(), progress: TransferProgressHandler? = nil
    ) async throws -> UploadResult {
        let fresh: FreshSASURLProvider = { [self] in
            try await Self.url(
                of: submission(productID: productID, submissionID: submissionID), \.uploadURL, "upload URL",
                productID: productID, submissionID: submissionID)
        }
        let url: String
        if let uploadURL { url = uploadURL } else { url = try await fresh() }
        return try await blobUploader(options: options).upload(file: path, to: url, progress: progress, freshURL: fresh)
    }

    /// Uploads the package at `path` to `submission`'s upload URL; see
    /// ``uploadPackage(from:productID:submissionID:uploadURL:options:progress:)``.
    public func uploadPackage(
        from path: String, to submission: Submission, options: TransferOptions = TransferOptions(),
        progress: TransferProgressHandler? = nil
    ) async throws -> UploadResult {
        try await uploadPackage(
            from: path, productID: submission.productId, submissionID: submission.id, uploadURL: submission.uploadURL,
            options: options, progress: progress)
    }

    /// Downloads a submission's download of `type` (`signedPackage`, `driverMetadata`, …) to the
    /// file `path`. When the URL expires, the submission is fetched again for a fresh one. A
    /// download whose URL is a page of the dashboard (the `certificationReport`) is not
    /// fetched: ``DevCenterError/dashboardPage(_:what:)`` says where it is.
    ///
    /// - Parameter url: the URL to start with; `nil` fetches the submission for it.
    public func download(
        _ type: DownloadType, productID: Int64, submissionID: Int64, url: String? = nil, to path: String,
        options: TransferOptions = TransferOptions(), progress: TransferProgressHandler? = nil
    ) async throws -> DownloadResult {
        let fresh: FreshSASURLProvider = { [self] in
            try await Self.url(
                of: submission(productID: productID, submissionID: submissionID), { $0.downloadURL(type) },
                "\(type.rawValue) download", productID: productID, submissionID: submissionID, waitingFor: type)
        }
        let start: String
        if let url { start = url } else { start = try await fresh() }
        if SASURL.isDashboardPage(start) {
            throw DevCenterError.dashboardPage(
                start, what: "The \(type.rawValue) of submission \(submissionID) of product \(productID)"
            ).with(correlationID: correlationID)
        }
        return try await blobDownloader(options: options).download(from: start, to: path, progress: progress, freshURL: fresh)
    }

    /// Downloads `submission`'s download of `type` to `path`; see
    /// ``download(_:productID:submissionID:url:to:options:progress:)``.
    public func download(
        _ type: DownloadType, of submission: Submission, to path: String, options: TransferOptions = TransferOptions(),
        progress: TransferProgressHandler? = nil
    ) async throws -> DownloadResult {
        try await download(
            type, productID: submission.productId, submissionID: submission.id, url: submission.downloadURL(type),
            to: path, options: options, progress: progress)
    }

    private static func url(
        of submission: Submission, _ pick: (Submission) -> String?, _ what: String, productID: Int64, submissionID: Int64,
        waitingFor type: DownloadType? = nil
    ) throws -> String {
        guard let url = pick(submission) else {
            let advice = type == nil
                ? "Uploads go to a new submission's initialPackage (or derivedPackage) URL; this submission has none: create a new one."
                : "Signed packages, driver metadata and reports appear once the submission's pipeline gets there: wait for the submission to complete, then try again."
            throw DevCenterError(
                kind: .notFound, message: "Submission \(submissionID) of product \(productID) has no \(what)",
                advice: advice, retryable: false, operation: "GET /products/\(productID)/submissions/\(submissionID)",
                nextStep: type.map { .waitForSubmission($0) })
        }
        return url
    }
}
