import DevCenter
import DevCenterTestSupport
import HDCLua
import Testing

/// A script is told the `hdc` functions that take the next step, never the Swift methods.
@Suite("Errors a script sees name hdc functions")
struct LuaAdviceTests {
    @Test("each next step of DevCenter becomes a Lua call in the advice", arguments: [
        (DevCenterError.waitDeadlineExceeded(resource: "submission 2", deadline: .seconds(60), lastStatus: "x", neverCommitted: true),
         "In a script: hdc.commit(submission)."),
        (DevCenterError.workflowFailed(resource: "submission 2", step: .scanning, messages: ["virus"], errorReportURL: "https://x/r?sig=s",
                                       reportStep: .downloadErrorReport),
         #"In a script: hdc.download(submission, "errorReport", path)."#),
        (DevCenterError.timeout(operation: "GET /products", after: .seconds(5)), "request_timeout in hdc.connect{…}"),
    ])
    func nextSteps(_ error: DevCenterError, _ lua: String) {
        let script = HDCError(error)
        #expect(script.advice.hasPrefix(error.advice))
        #expect(script.advice.contains(lua), "\(script.advice)")
        #expect(!script.description.contains("In Swift") && !script.description.contains("client."), "\(script.description)")
    }

    @Test("a download the submission does not have yet: its name, and hdc.wait")
    func missingDownload() async throws {
        let failure = try #require(try await ScriptHarness.failure(
            #"hdc.download(1, 2, "driverMetadata", os.tmpname())"#,
            answer: { _ in .json(["id": 2, "productId": 1, "downloads": ["items": []]]) }))
        #expect(failure.kind == "notFound")
        #expect(failure.message.contains("Submission 2 of product 1 has no driverMetadata download"), "\(failure.message)")
        #expect(failure.message.contains("In a script: hdc.wait(submission) (for a submission shared with you, hdc.request_metadata(submission) first), then hdc.download again."), "\(failure.message)")
        #expect(!failure.message.contains("waitForSubmission") && !failure.message.contains("has no a "), "\(failure.message)")
    }

    @Test("hdc.download_url finds a download in downloads.items, in links, or the error report")
    func downloadURL() async throws {
        let text = try await ScriptHarness.text(#"""
            local s = {downloads = {items = {{type = "SignedPackage", url = "https://x/signed?sig=a"}, {type = "driverMetadata", url = ""}}},
                       links = {{rel = "DriverMetadata", href = "https://x/metadata?sig=b"}},
                       workflowStatus = {errorReport = "https://x/report?sig=c"}}
            return table.concat({hdc.download_url(s, "signedPackage"), hdc.download_url(s, "driverMetadata"),
                                 hdc.download_url(s, "errorReport"), tostring(hdc.download_url(s, "certificationReport"))}, " ")
            """#)
        #expect(text == "https://x/signed?sig=a https://x/metadata?sig=b https://x/report?sig=c nil")
    }
}
