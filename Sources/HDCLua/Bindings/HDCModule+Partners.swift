import DevCenter
import LuaKit

extension HDCModule {
    /// Submissions partners share with this account, and driver metadata on request.
    static var partnerBindings: [HDCBinding] { [partnerSubmission, sharedSubmissions, waitMetadata] }

    private static var partnerSubmission: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "partner_submission",
            summary: "Finds the submission in this account that a partner's submission was shared as, from the partner's publisher, product and submission IDs.",
            parameters: [
                LuaParameterDoc("publisher_id", "integer|string", "the partner's publisher (seller) ID"),
                LuaParameterDoc("product_id", "integer", "the product's ID in the partner's account"),
                LuaParameterDoc("submission_id", "integer", "the submission's ID in the partner's account"),
            ],
            returns: [LuaReturnDoc("hdc.Submission", "the shared submission, with this account's `productId` and `id`")],
            example: """
                local shared = hdc.partner_submission(27691110, 14631253285588838, 1152921504621465124)
                local with_metadata = hdc.wait_metadata(shared, {timeout = "8h"})
                """,
            access: .read,
            notes: "Sends `GET /products/relationships/sourcepubliherid/{publisher}/sourceproductid/{product}/sourcesubmissionid/{submission}` (the path's spelling is the service's). Kind `notFound` when no such submission was shared with this account.",
            isClientMethod: true)
        ) { b in
            let publisher = try b.publisherID(1)
            let productID = try b.id(2), submissionID = try b.id(3)
            return try b.performReturningSubmission {
                try await $0.partnerSubmission(publisherID: publisher, productID: productID, submissionID: submissionID)
            }
        }
    }

    private static var sharedSubmissions: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "shared_submissions",
            summary: "Lists the submissions of the products partners shared with this account.",
            parameters: [],
            returns: [LuaReturnDoc("hdc.Submission[]", "list items, product by product (`hdc.submission(item)` fetches one whole)")],
            example: """
                for _, s in ipairs(hdc.shared_submissions()) do print(s.productId, s.id, s.name) end
                """,
            access: .read,
            notes: "A product counts as shared when it names the partner's publisher (`sourcePublisherId` other than 0) or an `originType` other than \"author\". Reads every page of products, then the submissions of each shared one.",
            isClientMethod: true)
        ) { b in
            try b.perform({ try await $0.sharedSubmissions() }) { call, list in
                call.stack.push(json: .array(list.map(\.json)))
                return .values(1)
            }
        }
    }

    private static var waitMetadata: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "wait_metadata",
            summary: "Asks for a submission's driver metadata when it has none (`createpublishermetadata`) and waits until its `driverMetadata` download appears; returns the submission.",
            parameters: submissionParameters + [LuaParameterDoc(
                "options", "table", optional: true,
                waitOptionsDoc + ", `request` (boolean, default true: ask for the metadata first when the submission has none; false only waits, as when resuming a wait asked for earlier)")],
            returns: [LuaReturnDoc("hdc.Submission", "the submission as last fetched, with its `driverMetadata` download")],
            example: """
                local signed = hdc.wait_metadata(shared, {timeout = "8h", on_change = function(c) print(c.summary) end})
                hdc.download(signed, "driverMetadata", "driver-metadata.json")
                """,
            access: .write,
            notes: "For a submission a partner shared with this account the service takes hours, so give a `timeout` of hours (durations may be written \"8h\", \"90m\"). Changes come to `on_change` with `step` \"driverMetadata\" and `state` \"started\", then \"completed\". A submission that failed raises kind `workflowFailed`; past `timeout`, kind `timeout` (run it again with `request = false` to go on waiting).",
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, next) = try b.submission(1)
            let options = try b.waitOptions(next, extraKeys: ["request"])
            let request = try b.options(next)?.boolean("request") ?? true
            return try b.waitForWorkflow(resourceField: "submission", optionsIndex: options.index) { client, onChange in
                try await client.waitForDriverMetadata(
                    productID: productID, submissionID: submissionID, request: request, options: options.wait, onChange: onChange)
            }
        }
    }
}

extension BindingCall {
    /// A publisher (seller) ID at argument `n`: an integer, or a string of digits.
    func publisherID(_ n: Int32) throws(LuaArgumentError) -> String {
        if stack.type(at: index(n)) == .string, let text = stack.string(at: index(n)),
            !text.isEmpty, text.allSatisfy(\.isNumber) {
            return text
        }
        return String(try id(n))
    }
}
