import DevCenter
import LuaKit

extension HDCModule {
    static var submissionBindings: [HDCBinding] {
        [submissions, submission, createSubmission, updateSubmission, commit, requestMetadata, wait]
    }

    /// How the submission functions document their first argument(s).
    static let submissionParameters = [
        LuaParameterDoc("submission", "hdc.Submission|integer", "a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID"),
    ]

    private static var submissions: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "submissions",
            summary: "Iterates over the submissions of a product, fetching pages as the loop asks for more.",
            parameters: [LuaParameterDoc("product", "integer|hdc.Product", "the product's ID, or a product table")],
            returns: [LuaReturnDoc("fun(): hdc.Submission|nil", name: "iterator", "each call gives the next submission")],
            example: """
                for submission in hdc.submissions(product.id) do
                  print(submission.id, submission.name, submission.commitStatus)
                end
                """,
            access: .read,
            notes: "List items may lack `workflowStatus` and `downloads`, as the service sends them: `hdc.submission(item)` fetches the whole submission.",
            isClientMethod: true)
        ) { b in
            let productID = try b.productID(1)
            return try b.iterator { $0.submissions(productID: productID) }
        }
    }

    private static var submission: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "submission",
            summary: "Fetches one submission, with its workflow status and its downloads (fresh SAS URLs).",
            parameters: submissionParameters,
            returns: [LuaReturnDoc("hdc.Submission", "every field the service sent")],
            example: """
                local s = hdc.submission(product.id, submission_id)
                print(s.commitStatus, s.workflowStatus.currentStep, s.workflowStatus.state)
                """,
            access: .read,
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, _) = try b.submission(1)
            return try b.performReturningSubmission { try await $0.submission(productID: productID, submissionID: submissionID) }
        }
    }

    private static var createSubmission: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "create_submission",
            summary: "Creates a submission of a product, exactly once; its `downloads` hold the upload URL.",
            parameters: [
                LuaParameterDoc("product", "integer|hdc.Product", "the product's ID, or a product table"),
                LuaParameterDoc("submission", "table", "`name` (required) and `type` (\"initial\", the default, or \"derived\"); other fields are sent as given"),
            ],
            returns: [LuaReturnDoc("hdc.Submission", "the new submission")],
            example: """
                local submission = hdc.create_submission(product, {name = "contoso-widget 1.2.0"})
                hdc.upload(submission, "contoso-widget.zip")
                """,
            access: .write,
            notes: "A second initial submission of a product is refused (`requestInvalidForCurrentState`, kind `invalidState`). An unknown outcome is settled by looking the submission up by name, taking only one that was not there before the call.",
            isClientMethod: true)
        ) { b in
            let productID = try b.productID(1)
            let body = try b.body(2, RequestShapes.newSubmission)
            return try b.performReturningSubmission { try await $0.createSubmission(productID: productID, body) }
        }
    }

    private static var updateSubmission: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "update_submission",
            summary: "Renames a submission (the only change the service allows).",
            parameters: submissionParameters + [LuaParameterDoc("changes", "table", "`{name = \"…\"}`")],
            returns: [],
            example: """
                hdc.update_submission(submission, {name = "contoso-widget 1.2.0 (rebuilt)"})
                """,
            access: .write,
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, next) = try b.submission(1)
            let changes = try b.body(next, RequestShapes.submissionUpdate)
            return try b.perform({
                try await $0.send(.updateSubmission(productID: productID, submissionID: submissionID, changes))
            }) { _, _ in .none }
        }
    }

    private static var commit: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "commit",
            summary: "Commits a submission once its package is uploaded: the service starts ingesting it.",
            parameters: submissionParameters,
            returns: [],
            example: """
                hdc.upload(submission, "contoso-widget.zip")
                hdc.commit(submission)
                local signed = hdc.wait(submission, {on_change = function(c) print(c.summary) end})
                """,
            access: .write,
            notes: "Committed exactly once: after an ambiguous failure or a refusal the submission is fetched, and when its commit landed already (`commitReceived`, `commitComplete`, `commitFailed`) the call returns normally and the commit is not sent again. So calling it twice does no harm: the service refuses the repeat and the submission is committed once.",
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, _) = try b.submission(1)
            return try b.perform({ try await $0.commitSubmission(productID: productID, submissionID: submissionID) }) { _, _ in .none }
        }
    }

    private static var requestMetadata: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "request_metadata",
            summary: "Asks the service to produce a signed submission's `driverMetadata` download (it can take hours).",
            parameters: submissionParameters,
            returns: [],
            example: """
                hdc.request_metadata(signed)
                """,
            access: .write,
            notes: "Refused (kind `invalidState`) before the submission completes. Poll `hdc.submission` until a `driverMetadata` item appears in `downloads.items`.",
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, _) = try b.submission(1)
            return try b.perform({ try await $0.requestDriverMetadata(productID: productID, submissionID: submissionID) }) { _, _ in .none }
        }
    }

    /// The options of `wait` and `wait_shipping_label`.
    static let waitOptionsDoc = "`timeout` (seconds, or a duration such as \"6h\"; default 6 hours), `interval` (between polls at first, default 30 s; it grows while nothing changes), `max_interval` (default 300 s), `on_change` (a function called with an `hdc.WaitChange` on each change of step, state or commit status; it may call `hdc`)"

    private static var wait: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "wait",
            summary: "Waits until a committed submission is signed, and returns it; raises `workflowFailed` if the service fails it.",
            parameters: submissionParameters + [LuaParameterDoc("options", "table", optional: true, waitOptionsDoc)],
            returns: [LuaReturnDoc("hdc.Submission", "the submission as last fetched, with its `signedPackage` download")],
            example: """
                local signed = hdc.wait(submission, {
                  interval = 30,
                  on_change = function(change) print(change.summary) end,
                })
                print(signed.workflowStatus.currentStep)
                """,
            access: .read,
            notes: "Done means a `signedPackage` download or `finalizeIngestion` completed; `state == \"failed\"` at any step or `commitStatus == \"commitFailed\"` raises kind `workflowFailed` with the service's messages in `message` and `details`, its error report URL in `error_report_url`, and the last submission in `submission`. Polling goes on through transient failures; past `timeout` it raises kind `timeout`.",
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, next) = try b.submission(1)
            let options = try b.waitOptions(next)
            return try b.waitForWorkflow(resourceField: "submission", optionsIndex: options.index) { client, onChange in
                try await client.waitForSubmission(
                    productID: productID, submissionID: submissionID, options: options.wait, onChange: onChange)
            }
        }
    }
}

extension BindingCall {
    /// A product ID at argument `n`: an integer (or string of digits), or a product table.
    func productID(_ n: Int32) throws(LuaArgumentError) -> Int64 {
        if stack.type(at: index(n)) == .table {
            return try OptionsTable(stack: stack, index: index(n)).requiredID("id")
        }
        return try id(n)
    }

    /// The wait options at argument `n` (may be absent); `extraKeys` are the binding's own.
    func waitOptions(_ n: Int32, extraKeys: Set<String> = []) throws(LuaArgumentError) -> (wait: WaitOptions, index: Int32?) {
        guard let table = try options(n) else { return (WaitOptions(), nil) }
        try table.refuseUnknown(Set(["timeout", "interval", "max_interval", "on_change"]).union(extraKeys))
        let defaults = WaitOptions()
        let interval = try table.seconds("interval") ?? defaults.pollInterval
        let options = WaitOptions(
            pollInterval: interval,
            maximumPollInterval: try table.seconds("max_interval") ?? max(interval, defaults.maximumPollInterval),
            deadline: try table.seconds("timeout") ?? defaults.deadline)
        _ = try table.function("on_change")
        return (options, table.index)
    }
}
