extension DevCenterClient {
    /// The submissions of a product. List items may lack `workflowStatus` and `downloads`:
    /// fetch one with ``submission(productID:submissionID:)`` for those.
    public func submissions(productID: Int64) -> PagedSequence<Submission> { list(.listSubmissions(productID: productID)) }

    public func submission(productID: Int64, submissionID: Int64) async throws -> Submission {
        try await send(.submission(productID: productID, submissionID: submissionID), as: Submission.self)
    }

    /// Creates a submission, exactly once; its answer carries the upload URL (``Submission/uploadURL``).
    ///
    /// An unknown outcome is settled by looking the submission up by name and type among the
    /// product's submissions, setting aside those that existed before this call.
    ///
    /// - Parameter knownExisting: the IDs of the product's submissions before this call, when you
    ///   have just listed them; when `nil`, the client lists them once before the first attempt.
    public func createSubmission(productID: Int64, _ submission: NewSubmission, knownExisting: Set<Int64>? = nil) async throws -> Submission {
        try await createSubmission(productID: productID, try JSONBody(encoding: submission), knownExisting: knownExisting)
    }

    /// Creates a submission from a body already in JSON form (`name`, `type` and any other
    /// fields), sent as it is; the reconciliation reads `name` and `type` (default `initial`).
    public func createSubmission(productID: Int64, _ body: JSONBody, knownExisting: Set<Int64>? = nil) async throws -> Submission {
        let name = body.value["name"]?.stringValue ?? ""
        let type = SubmissionType(rawValue: body.value["type"]?.stringValue ?? SubmissionType.initial.rawValue)
        return try await create(
            .createSubmission(productID: productID, body), as: Submission.self,
            what: "a submission named \"\(name)\" of product \(productID)",
            check: "list the product's submissions (GET /products/\(productID)/submissions) for one named \"\(name)\" and use it.",
            knownExisting: knownExisting,
            lookup: { [self] in
                try await submissions(productID: productID)
                    .collect { $0.name == name && ($0.type ?? type) == type }
            },
            // The list may omit the upload URL: fetch the adopted one whole.
            complete: { [self] match in try await self.submission(productID: productID, submissionID: match.id) })
    }

    /// Renames a submission (204).
    public func updateSubmission(productID: Int64, submissionID: Int64, _ update: SubmissionUpdate) async throws {
        _ = try await send(.updateSubmission(productID: productID, submissionID: submissionID, try JSONBody(encoding: update)))
    }

    /// Commits a submission after its package is uploaded (202), exactly once.
    ///
    /// After a failed attempt the submission is fetched: `commitReceived` or `commitComplete`
    /// (or `commitFailed`) means the commit landed and is not sent again.
    public func commitSubmission(productID: Int64, submissionID: Int64) async throws {
        let endpoint = Endpoint.commitSubmission(productID: productID, submissionID: submissionID)
        try await execute(
            endpoint,
            reconcile: { [self] cause in
                let current: Submission
                do {
                    current = try await submission(productID: productID, submissionID: submissionID)
                } catch {
                    throw DevCenterError.uncertainOutcome(
                        operation: endpoint.operation,
                        check: "fetch submission \(submissionID) (GET /products/\(productID)/submissions/\(submissionID)) and commit only if its commitStatus is still commitPending.",
                        cause: cause, details: ["fetching the submission failed: \(Self.summary(of: error))"])
                }
                guard let status = current.commitStatus, status.commitLanded else { return nil }
                logger.notice("the commit of submission \(submissionID) landed (\(status.rawValue)) despite the failed answer")
                return ()
            }, finish: { _ in () })
    }

    /// Asks the service to produce the `driverMetadata` download of a submission (202); it can take hours.
    public func requestDriverMetadata(productID: Int64, submissionID: Int64) async throws {
        _ = try await send(.createPublisherMetadata(productID: productID, submissionID: submissionID))
    }
}
