import DevCenter
import DevCenterTestSupport
import HDCLua
import Testing

/// `hdc.redact` and `hdc.progress`: the Swift rules as Lua functions, in and out of a sandbox.
@Suite struct ReportingBindingTests {
    @Test func redactBlanksEveryEncodingAndTheRunsSecrets() async throws {
        let text = try await ScriptHarness.text(#"""
            local out = {}
            for _, s in ipairs({
              "u?sv=1&sig=abc&se=2", "n=%3Fsv%3D1%26sig%3Dabc%26se%3D2", "n=x%2526sig%253Dabc%2526se%253D2",
              '{"u":"x?sv=1\\u0026SIG=abc"}', "Bearer abcdefgh", "the token-for-tests-0123456789 leaked", "plain",
            }) do out[#out + 1] = hdc.redact(s) end
            out[#out + 1] = hdc.redact("abc", "sig") .. " " .. hdc.redact("abc", "name") .. " " .. hdc.redact(42)
            return table.concat(out, "\n")
            """#)
        #expect(text == #"""
            u?sv=1&sig=<redacted>&se=2
            n=%3Fsv%3D1%26sig%3D<redacted>%26se%3D2
            n=x%2526sig%253D<redacted>%2526se%253D2
            {"u":"x?sv=1\u0026SIG=<redacted>"}
            Bearer <redacted>
            the <redacted> leaked
            plain
            <redacted> abc 42
            """#)
    }

    @Test func redactRefusesWhatIsNotText() async throws {
        let failure = try await ScriptHarness.failure("hdc.redact({})")
        #expect(failure?.message.contains("bad argument #1 to 'redact' (string expected, got table)") == true, "\(failure?.message ?? "")")
    }

    static func submission(_ commit: String, _ step: String, _ state: String, errorReport: String = "", items: String = "") -> String {
        """
        {id = 1152921504621465124, productId = 14631253285588839, commitStatus = "\(commit)",
         workflowStatus = {currentStep = "\(step)", state = "\(state)", messages = {"m1"}, errorReport = "\(errorReport)"},
         downloads = {items = {\(items)}, messages = {"d1"}}}
        """
    }

    static func describe(_ resource: String) -> String {
        """
        local p = hdc.progress(\(resource))
        return table.concat({p.kind, p.outcome, tostring(p.done), tostring(p.succeeded), tostring(p.failed), tostring(p.step),
          tostring(p.state), tostring(p.commit_status), tostring(p.committed), p.summary, table.concat(p.messages, ","),
          tostring(p.error_report_url)}, "|")
        """
    }

    /// The rules of `Submission.progress`, as `hdc.wait` applies them.
    @Test(arguments: [
        (submission("commitPending", "packageInfoValidation", "notStarted"),
         "submission|inProgress|false|false|false|packageInfoValidation|notStarted|commitPending|false|packageInfoValidation: notStarted (commitPending)|m1|nil"),
        (submission("commitReceived", "signing", "completed"),
         "submission|inProgress|false|false|false|signing|completed|commitReceived|true|signing: completed (commitReceived)|m1|nil"),
        (submission("commitComplete", "finalizeIngestion", "completed"),
         "submission|succeeded|true|true|false|finalizeIngestion|completed|commitComplete|true|finalizeIngestion: completed (commitComplete)|m1|nil"),
        (submission("commitReceived", "signing", "started", items: #"{type = "signedPackage", url = "u"}"#),
         "submission|succeeded|true|true|false|signing|started|commitReceived|true|signing: started (commitReceived)|m1|nil"),
        (submission("commitFailed", "scanning", "failed", errorReport: "https://r?sig=x"),
         "submission|failed|true|false|true|scanning|failed|commitFailed|true|scanning: failed (commitFailed)|m1,d1|https://r?sig=x"),
        (submission("CommitComplete", "FinalizeIngestion", "Completed"),
         "submission|succeeded|true|true|false|FinalizeIngestion|Completed|CommitComplete|true|FinalizeIngestion: Completed (CommitComplete)|m1|nil"),
    ])
    func progressOfASubmission(_ resource: String, _ expected: String) async throws {
        #expect(try await ScriptHarness.text(Self.describe(resource)) == expected)
    }

    @Test(arguments: [
        ("{id = 5, productId = 1, submissionId = 2, workflowStatus = {currentStep = 'microsoftApproval', state = 'completed'}}",
         "shipping label|inProgress|false|false|false|microsoftApproval|completed|nil|nil|microsoftApproval: completed||nil"),
        ("{id = 5, productId = 1, submissionId = 2, workflowStatus = {currentStep = 'finalizePublishing', state = 'completed'}}",
         "shipping label|succeeded|true|true|false|finalizePublishing|completed|nil|nil|finalizePublishing: completed||nil"),
        ("{id = 5, productId = 1, submissionId = 2, workflowStatus = {currentStep = 'finalizeSharing', state = 'completed'}}",
         "shipping label|succeeded|true|true|false|finalizeSharing|completed|nil|nil|finalizeSharing: completed||nil"),
        ("{id = 5, productId = 1, submissionId = 2, workflowStatus = {currentStep = 'publishing', state = 'failed', messages = {'no'}, errorReport = ''}}",
         "shipping label|failed|true|false|true|publishing|failed|nil|nil|publishing: failed|no|nil"),
    ])
    func progressOfAShippingLabel(_ resource: String, _ expected: String) async throws {
        #expect(try await ScriptHarness.text(Self.describe(resource)) == expected)
    }

    @Test(arguments: [
        ("hdc.progress()", "bad argument #1 to 'progress' (table expected, got no value)"),
        ("hdc.progress({name = 'x'})", "bad argument #1 to 'progress' (a submission expected: the top level: missing field \"id\")"),
        ("hdc.progress({id = 1, commitStatus = {}})", "bad argument #1 to 'progress' (a submission expected: commitStatus: expected String"),
    ])
    func progressRefusesWhatIsNotAResource(_ code: String, _ message: String) async throws {
        let failure = try await ScriptHarness.failure(code)
        #expect(failure?.message.contains(message) == true, "\(failure?.message ?? "no failure")")
    }

    /// Both are pure: a sandbox with no grants may call them.
    @Test func bothWorkInASandbox() async throws {
        let text = try await SandboxTests.text("""
            return sandbox.run([[
              return hdc.redact("u?sig=abc") .. " " .. tostring(hdc.progress{id = 1, commitStatus = "commitFailed"}.failed)
            ]], {})
            """)
        #expect(text == "u?sig=<redacted> true")
    }
}
