import Foundation
import Testing

/// `scripts/submit.lua` run by the real `hwsubmit` against a real `hwsubmit-emulator`: a package
/// signed end to end, `--json`, failures and their exit statuses, dry runs, and resuming with a
/// journal after the process was killed at each stage. Slow, real-server tests.
@Suite(.serialized) struct SubmitScriptSlowTests {
    static let fast = ["--interval", "0.05", "--max-interval", "0.2"]

    @Test func signsTheExampleAndSaysWhereTheSignedPackageIs() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "20ms"])
        let work = try TemporaryDirectory()
        let run = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--output", "out/signed.zip"] + Self.fast,
            against: emulator, directory: work.url)
        #expect(run.status == 0, "\(run.stderr)")
        let signed = work.url.appendingPathComponent("out/signed.zip")
        #expect(FileManager.default.fileExists(atPath: signed.path))
        #expect(run.stdout.contains("signed      \(signed.path)"), "\(run.stdout)")
        #expect(run.stdout.contains("contosowidget.inf"), "the contents are listed:\n\(run.stdout)")
        #expect(run.stderr.contains("created the product"), "progress goes to stderr:\n\(run.stderr)")
        let held = try emulator.held()
        #expect(held.products == 1 && held.submissions == 1)
    }

    @Test func jsonOutputIsOneObject() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "20ms"])
        let work = try TemporaryDirectory()
        let run = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--json", "--output", "signed.zip", "--name", "widget 1.2"] + Self.fast,
            against: emulator, directory: work.url)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try run.json()
        #expect(object["ok"] as? Bool == true)
        #expect(object["status"] as? String == "signed")
        #expect(object["name"] as? String == "widget 1.2")
        #expect((object["product_id"] as? NSNumber)?.int64Value ?? 0 > 1 << 53, "IDs are exact 64-bit integers")
        let contents = object["contents"] as? [[String: Any]] ?? []
        #expect(contents.contains { ($0["path"] as? String)?.hasSuffix(".inf") == true })
    }

    @Test func aFailedSigningExitsWith7AndReportsTheServicesMessages() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "20ms"])
        try emulator.admin("POST", "/submissions/next/fail-at", ["step": "scanning", "messages": ["Virus scan flagged contosowidget.sys."]])
        let work = try TemporaryDirectory()
        let run = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--json"] + Self.fast, against: emulator, directory: work.url)
        #expect(run.status == 7, "\(run.stderr)")
        #expect(run.stderr.contains("Virus scan flagged contosowidget.sys."))
        let object = try run.json()
        #expect(object["ok"] as? Bool == false)
        #expect((object["error"] as? [String: Any])?["kind"] as? String == "workflowFailed")
    }

    @Test func usageMistakesExitWith2AndHelpDocumentsTheExitStatuses() throws {
        let help = try ScriptRun.run([ScriptRun.script("submit.lua"), "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("usage: submit.lua [options] PACKAGE"))
        #expect(help.stdout.contains("--journal PATH") && help.stdout.contains("Exit status:"))
        let missing = try ScriptRun.run([ScriptRun.script("submit.lua")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("submit.lua: missing PACKAGE"))
        let unknown = try ScriptRun.run([ScriptRun.script("submit.lua"), ScriptRun.example, "--colour"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown option '--colour'"))
        let nothing = try ScriptRun.run([ScriptRun.script("submit.lua"), "/nonexistent/package.zip"])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("no package at /nonexistent/package.zip"))
    }

    /// Every product field of the create body has a flag: flight signing, extension INF, product
    /// types, device metadata IDs, the additional attribute, and deviceType notSet.
    @Test func everyProductFieldHasAFlag() throws {
        let flags = [
            "--device-type", "notSet", "--flight-sign", "--extension-inf", "--product-type", "windows_v100_RS5=Unclassified",
            "--product-type", "windows_v100_19H1=Unclassified", "--device-metadata-id", "4e5b3c2a-0001-4a6b-9c1d-2e3f4a5b6c7d",
            "--attribute", "svvp",
        ]
        let help = try ScriptRun.run([ScriptRun.script("submit.lua"), "--help"])
        for option in ["--flight-sign", "--extension-inf", "--product-type KEY=VALUE", "--device-metadata-id ID", "--attribute ATTRIBUTE", "notSet"] {
            #expect(help.stdout.contains(option), "--help shows \(option)")
        }

        let emulator = try StandaloneEmulator()
        let work = try TemporaryDirectory()
        let run = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--no-wait", "--json"] + flags, against: emulator, directory: work.url)
        #expect(run.status == 0, "\(run.stderr)")
        let id = (try run.json()["product_id"] as? NSNumber)?.int64Value ?? 0
        let state = try emulator.admin("GET", "/state") as? [String: Any] ?? [:]
        let products = state["products"] as? [[String: Any]] ?? []
        let product = try #require(products.first { ($0["id"] as? NSNumber)?.int64Value == id }, "\(products)")
        #expect(product["deviceType"] as? String == "notSet")
        #expect(product["isFlightSign"] as? Bool == true && product["isExtensionInf"] as? Bool == true && product["isTestSign"] as? Bool == false)
        #expect(product["selectedProductTypes"] as? [String: String] == ["windows_v100_RS5": "Unclassified", "windows_v100_19H1": "Unclassified"])
        #expect(product["deviceMetadataIds"] as? [String] == ["4e5b3c2a-0001-4a6b-9c1d-2e3f4a5b6c7d"])
        #expect(product["additionalAttributes"] as? [String: Bool] == ["svvp": true])

        for (arguments, message) in [
            (["--product-type", "windows_v100_RS5"], "--product-type expects KEY=VALUE (windows_v100_RS5=Unclassified), got 'windows_v100_RS5'"),
            (["--product-type", "a=1", "--product-type", "a=2"], "--product-type gives a twice"),
            (["--attribute", "nvme"], "--attribute expects one of storageController, raidController, svvp, got 'nvme'"),
            (["--device-type", "usb"], "--device-type expects one of internal, external, internalExternal, notSet, got 'usb'"),
            (["--product-id", "42", "--flight-sign"], "--flight-sign describes a new product; it cannot be used with --product-id"),
        ] {
            let wrong = try ScriptRun.run([ScriptRun.script("submit.lua"), ScriptRun.example] + arguments)
            #expect(wrong.status == 2, "\(arguments): \(wrong.stderr)")
            #expect(wrong.stderr.contains("submit.lua: \(message)"), "\(arguments): \(wrong.stderr)")
        }
    }

    /// Under --json a usage mistake is one JSON document on stdout too, of kind `usage`, whether
    /// args found it or the script did, for every script in scripts/.
    @Test(arguments: ["submit.lua", "status.lua", "list.lua", "download.lua", "derive.lua", "ship.lua", "bulk-submit.lua"])
    func usageMistakesUnderJSONPrintAJSONFailure(script: String) throws {
        let unknown = try ScriptRun.run([ScriptRun.script(script), "--json", "--colour", "blue"])
        #expect(unknown.status == 2, "\(unknown.stderr)")
        let error = try unknown.json()["error"] as? [String: Any] ?? [:]
        #expect(error["kind"] as? String == "usage")
        #expect(error["message"] as? String == "unknown option '--colour'")
        #expect((error["advice"] as? String)?.contains("\(script) --help") == true)
        #expect(unknown.stderr.contains("\(script): unknown option '--colour'"), "the message still goes to stderr")
        #expect(try unknown.json()["ok"] as? Bool == false)

        let plain = try ScriptRun.run([ScriptRun.script(script), "--colour", "blue"])
        #expect(plain.status == 2 && plain.stdout.isEmpty, "without --json nothing goes to stdout")
    }

    @Test func aMistakeTheScriptFindsIsAJSONFailureToo() throws {
        let run = try ScriptRun.run([ScriptRun.script("submit.lua"), "/nonexistent/package.zip", "--json"])
        #expect(run.status == 2)
        let error = try run.json()["error"] as? [String: Any] ?? [:]
        #expect(error["kind"] as? String == "usage" && error["message"] as? String == "no package at /nonexistent/package.zip")
        let valueNotFlag = try ScriptRun.run([ScriptRun.script("submit.lua"), "--name", "--json"])
        #expect(valueNotFlag.status == 2 && valueNotFlag.stdout.isEmpty, "--json as the value of --name is not the flag: \(valueNotFlag.stdout)")
    }

    @Test func aDryRunPrintsEveryRequestAndSendsNone() throws {
        let emulator = try StandaloneEmulator()
        let work = try TemporaryDirectory()
        let run = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--dry-run"], against: emulator, directory: work.url)
        #expect(run.status == 0, "\(run.stderr)")
        for line in ["dry run: POST /products", "WINDOWS_v100_ARM64_RS5_FULL", "dry run: POST /products/14631253285588800/submissions",
                     "/commit", "signedPackage SAS URL"] {
            #expect(run.stdout.contains(line), "\(line) in:\n\(run.stdout)")
        }
        #expect(try emulator.requests().isEmpty, "a dry run sends nothing")
    }

    /// `--dry-run --json`: stdout is one JSON document holding the would-be requests; the
    /// lines for people go to stderr.
    @Test func aDryRunWithJSONPrintsOneDocumentWithTheRequests() throws {
        let work = try TemporaryDirectory()
        let run = try ScriptRun.run([ScriptRun.script("submit.lua"), ScriptRun.example, "--dry-run", "--json"], directory: work.url)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try run.json()
        #expect(object["ok"] as? Bool == true && object["dry_run"] as? Bool == true)
        let requests = object["requests"] as? [[String: Any]] ?? []
        let lines = requests.map { "\($0["method"] as? String ?? "?") \($0["path"] as? String ?? "?")" }
        #expect(lines.first == "POST /products", "\(lines)")
        #expect(lines.contains("POST /products/14631253285588800/submissions/1152921504621465100/commit"), "\(lines)")
        let product = requests.first?["body"] as? [String: Any] ?? [:]
        #expect(product["requestedSignatures"] as? [String] == ["WINDOWS_v100_ARM64_RS5_FULL", "WINDOWS_v100_X64_RS5_FULL"])
        #expect(run.stderr.contains("dry run: POST /products\n"), "the lines go to stderr:\n\(run.stderr)")
        #expect(!run.stdout.contains("dry run:"))
    }

    /// A dry run writes nothing: no zip beside the journal, no journal, no download, and the
    /// zip it made to know the package's size is gone from the temporary folder too. (A dry
    /// run that fails half-way is in Tests/lua/workflow_test.lua.)
    @Test func aDryRunLeavesNothingBehind() throws {
        let work = try TemporaryDirectory()
        let temporary = try TemporaryDirectory()
        let run = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--dry-run", "--journal", "out/widget.journal.json", "--output", "out/signed.zip"],
            environment: ["TMPDIR": temporary.url.path], directory: work.url)
        #expect(run.status == 0, "\(run.stderr)")
        let size = try #require(run.stdout.firstMatch(of: /contoso-widget\.zip, (\d+) bytes/)?.1, "\(run.stdout)")
        #expect(Int(size) ?? 0 > 1000, "the upload line says how large the zip would be")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.url.path).isEmpty, "nothing in the working folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path).isEmpty, "nothing left in TMPDIR")
    }

    /// Where the first run is killed.
    enum Stage: String, CaseIterable, Sendable {
        case afterCreatingTheProduct, midUpload, afterCommitting
    }

    @Test(arguments: Stage.allCases)
    func killedAndRunAgainWithItsJournalItFinishesWithOneOfEach(stage: Stage) throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", stage == .afterCommitting ? "1s" : "20ms"])
        let work = try TemporaryDirectory()
        var package = ScriptRun.example
        let killWhen: (String, String) -> Bool
        switch stage {
        case .afterCreatingTheProduct:
            try emulator.admin("POST", "/faults", ["route": "POST /products/{productId}/submissions", "delayMs": 60000])
            killWhen = { _, stderr in stderr.contains("created the product") }
        case .midUpload:
            // Over 8 MiB of incompressible bytes: an upload of three blocks, the third held back.
            package = try Self.largePackage(in: work).path
            try emulator.admin("POST", "/faults", ["route": "PUT blob?comp=block", "delayMs": 60000, "nth": 3])
            killWhen = { _, _ in (try? emulator.count("PUT blob?comp=block", status: 201)) ?? 0 >= 2 }
        case .afterCommitting:
            killWhen = { _, stderr in stderr.contains("] committed") }
        }
        let command = [ScriptRun.script("submit.lua"), package, "--journal", "journal.json", "--output", "signed.zip"] + Self.fast
        let first = try ScriptRun.run(command, against: emulator, directory: work.url, killWhen: killWhen)
        #expect(first.killed, "the first run was killed at \(stage) (status \(first.status)):\n\(first.stderr)")
        try emulator.admin("DELETE", "/faults")

        let second = try ScriptRun.run(command, against: emulator, directory: work.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("resumed"), "\(second.stdout)")
        #expect(FileManager.default.fileExists(atPath: work.url.appendingPathComponent("signed.zip").path))
        let held = try emulator.held()
        #expect(held.products == 1 && held.submissions == 1, "\(held)")
        #expect(try emulator.count("POST /products") == 1)
        #expect(try emulator.count("POST /products/{productId}/submissions") == 1)
        #expect(try emulator.count("POST /products/{productId}/submissions/{submissionId}/commit") == 1)
        if stage == .midUpload {
            #expect(try emulator.count("PUT blob?comp=block", status: 201) == 3, "the second run sent only the missing block")
        }
    }

    /// The example package with a 20 MiB file of random bytes added.
    static func largePackage(in work: TemporaryDirectory) throws -> URL {
        let folder = work.url.appendingPathComponent("large-widget")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ScriptRun.example), to: folder)
        var generator = SystemRandomNumberGenerator()
        var words = [UInt64](repeating: 0, count: (20 << 20) / 8)
        for i in words.indices { words[i] = generator.next() }
        try words.withUnsafeBytes { try Data($0).write(to: folder.appendingPathComponent("x64/contosowidget.pdb")) }
        return folder
    }
}
