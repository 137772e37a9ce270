import Foundation
import Testing

/// The scripts beside submit.lua (`status`, `list`, `download`, `derive`, `ship`,
/// `bulk-submit`) and `hwsubmit test`, run by the real `hwsubmit` against a real
/// `hwsubmit-emulator`: success and failure, exit statuses, `--json` that parses. Slow,
/// real-server tests.
@Suite(.serialized) struct ScriptsSlowTests {
    static let fast = ["--interval", "0.05", "--max-interval", "0.2"]

    /// A signed submission of the example package: its product and submission IDs.
    static func signed(on emulator: StandaloneEmulator, in work: TemporaryDirectory, extra: [String] = []) throws -> (Int64, Int64) {
        let run = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--json", "--no-download"] + fast + extra, against: emulator, directory: work.url)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try run.json()
        return ((object["product_id"] as? NSNumber)?.int64Value ?? 0, (object["submission_id"] as? NSNumber)?.int64Value ?? 0)
    }

    /// A folder `packages` in `work` holding a copy of the example package under each name.
    static func packages(_ names: [String], in work: TemporaryDirectory) throws {
        for name in names {
            try FileManager.default.copyItem(
                at: URL(fileURLWithPath: ScriptRun.example), to: work.url.appendingPathComponent("packages/\(name)"))
        }
    }

    @Test func statusShowsOneSubmissionOrEverythingInFlight() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "60s"])
        let work = try TemporaryDirectory()
        let pending = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--no-wait", "--json"], against: emulator, directory: work.url)
        let object = try pending.json()
        let product = "\((object["product_id"] as? NSNumber)?.int64Value ?? 0)"
        let submission = "\((object["submission_id"] as? NSNumber)?.int64Value ?? 0)"

        let inFlight = try ScriptRun.run([ScriptRun.script("status.lua")], against: emulator)
        #expect(inFlight.status == 0, "\(inFlight.stderr)")
        #expect(inFlight.stdout.hasPrefix("product  "), "\(inFlight.stdout)")
        #expect(inFlight.stdout.contains(submission) && inFlight.stdout.contains("commitReceived"))

        let one = try ScriptRun.run([ScriptRun.script("status.lua"), product, submission, "--json"], against: emulator)
        #expect(one.status == 0)
        let submissions = try one.json()["submissions"] as? [[String: Any]] ?? []
        #expect(submissions.count == 1)
        #expect("\((submissions.first?["id"] as? NSNumber)?.int64Value ?? 0)" == submission)
        #expect(one.stdout.contains("sig=<redacted>"), "the submission's SAS URLs are there, redacted")
        #expect(one.stdout.ranges(of: /(?i)sig=(?!<redacted>)/).isEmpty, "no SAS signature in --json:\n\(one.stdout)")

        let missing = try ScriptRun.run([ScriptRun.script("status.lua"), product, "42", "--json"], against: emulator)
        #expect(missing.status == 4, "\(missing.stderr)")
        #expect((try missing.json()["error"] as? [String: Any])?["kind"] as? String == "notFound")
    }

    @Test func listFiltersProductsAndSubmissions() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "10ms"])
        let work = try TemporaryDirectory()
        let (product, submission) = try Self.signed(on: emulator, in: work, extra: ["--product-name", "Contoso Widget"])
        _ = try Self.signed(on: emulator, in: work, extra: ["--product-name", "Fabrikam Dock"])

        let products = try ScriptRun.run([ScriptRun.script("list.lua"), "products", "--name", "contoso", "--json"], against: emulator)
        #expect(products.status == 0, "\(products.stderr)")
        let found = try products.json()["products"] as? [[String: Any]] ?? []
        #expect(found.count == 1 && found.first?["productName"] as? String == "Contoso Widget")

        let table = try ScriptRun.run([ScriptRun.script("list.lua"), "submissions", "\(product)"], against: emulator)
        #expect(table.status == 0)
        #expect(table.stdout.contains("\(submission)") && table.stdout.contains("initial"))

        let wrong = try ScriptRun.run([ScriptRun.script("list.lua"), "labels"], against: emulator)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("WHAT is products or submissions"))
        let unknown = try ScriptRun.run([ScriptRun.script("list.lua"), "submissions", "42"], against: emulator)
        #expect(unknown.status == 4, "\(unknown.stderr)")
    }

    @Test func downloadFetchesWhatIsThereAndSaysHowToGetTheRest() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "10ms"])
        let work = try TemporaryDirectory()
        let (product, submission) = try Self.signed(on: emulator, in: work)
        let ids = ["\(product)", "\(submission)"]

        // A submission that fails at scanning never gets a signed package.
        try emulator.admin("POST", "/submissions/next/fail-at", ["step": "scanning"])
        let failed = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--no-wait", "--json"], against: emulator, directory: work.url)
        let failedIDs = try failed.json()
        let missing = try ScriptRun.run(
            [ScriptRun.script("download.lua"), "\((failedIDs["product_id"] as? NSNumber)?.int64Value ?? 0)",
             "\((failedIDs["submission_id"] as? NSNumber)?.int64Value ?? 0)"],
            against: emulator, directory: work.url)
        #expect(missing.status == 4, "\(missing.stderr)")
        #expect(missing.stderr.contains("has no signedPackage download") && missing.stderr.contains("status.lua"))

        let both = try ScriptRun.run(
            [ScriptRun.script("download.lua")] + ids + ["--kind", "signedPackage", "--kind", "driverMetadata", "--request-metadata", "--dir", "out", "--json"],
            against: emulator, directory: work.url)
        #expect(both.status == 0, "\(both.stderr)")
        let files = try both.json()["files"] as? [[String: Any]] ?? []
        #expect(files.map { $0["kind"] as? String } == ["signedPackage", "driverMetadata"])
        for file in files {
            #expect(FileManager.default.fileExists(atPath: file["path"] as? String ?? "/nonexistent"))
        }
    }

    @Test func deriveMakesADerivedSubmissionOfAnExistingProduct() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "10ms"])
        let work = try TemporaryDirectory()
        let (product, _) = try Self.signed(on: emulator, in: work)
        let run = try ScriptRun.run(
            [ScriptRun.script("derive.lua"), "\(product)", ScriptRun.example, "--output", "derived.zip", "--json"] + Self.fast,
            against: emulator, directory: work.url)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try run.json()
        #expect(object["status"] as? String == "signed")
        #expect((object["product_id"] as? NSNumber)?.int64Value == product)
        #expect(FileManager.default.fileExists(atPath: work.url.appendingPathComponent("derived.zip").path))

        let unknown = try ScriptRun.run([ScriptRun.script("derive.lua"), "42", ScriptRun.example] + Self.fast, against: emulator, directory: work.url)
        #expect(unknown.status == 4, "\(unknown.stderr)")

        // --dry-run --json: one JSON document on stdout, the requests in it, nothing sent.
        try emulator.admin("DELETE", "/requests")
        let dry = try ScriptRun.run(
            [ScriptRun.script("derive.lua"), "\(product)", ScriptRun.example, "--dry-run", "--json"], against: emulator, directory: work.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        let requests = try dry.json()["requests"] as? [[String: Any]] ?? []
        let submission = requests.first { ($0["path"] as? String) == "/products/\(product)/submissions" && ($0["method"] as? String) == "POST" }
        #expect((submission?["body"] as? [String: Any])?["type"] as? String == "derived", "\(requests)")
        #expect(dry.stderr.contains("dry run: POST /products/\(product)/submissions"))
        #expect(try emulator.requests().isEmpty, "a dry run sends nothing")
    }

    @Test func shipTargetsTheMatchingHardwareIDsAndWaitsForPublishing() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "10ms"])
        let work = try TemporaryDirectory()
        let (product, submission) = try Self.signed(on: emulator, in: work)
        let ids = ["\(product)", "\(submission)"]

        let none = try ScriptRun.run([ScriptRun.script("ship.lua")] + ids + ["--hardware-id", "pci\\*"], against: emulator)
        #expect(none.status == 1, "\(none.stderr)")
        #expect(none.stderr.contains("no hardware ID of the driver metadata matches pci\\*"))

        let run = try ScriptRun.run(
            [ScriptRun.script("ship.lua")] + ids + ["--hardware-id", "USB\\VID_0ABC&PID_1234", "--wait", "--interval", "0.05", "--json"],
            against: emulator)
        #expect(run.status == 0, "\(run.stderr)")
        let label = try run.json()
        let workflow = label["workflowStatus"] as? [String: Any] ?? [:]
        #expect(workflow["state"] as? String == "completed")
        let targeted = ((label["targeting"] as? [String: Any])?["hardwareIds"] as? [[String: Any]] ?? []).compactMap { $0["pnpString"] as? String }
        #expect(!targeted.isEmpty && targeted.allSatisfy { $0.lowercased() == "usb\\vid_0abc&pid_1234" }, "\(targeted)")

        // --dry-run --json: the label it would create, inside one JSON document.
        let dry = try ScriptRun.run([ScriptRun.script("ship.lua")] + ids + ["--dry-run", "--json"], against: emulator)
        #expect(dry.status == 0, "\(dry.stderr)")
        let dryObject = try dry.json()
        let request = (dryObject["requests"] as? [[String: Any]])?.first ?? [:]
        #expect(request["method"] as? String == "POST" && request["path"] as? String == "/products/\(product)/submissions/\(submission)/shippingLabels")
        #expect((request["body"] as? [String: Any])?["destination"] as? String == "windowsUpdate")
        #expect(dry.stderr.contains("dry run: POST /products/\(product)/submissions/\(submission)/shippingLabels"))
    }

    /// Driver metadata that never comes: a submission still in the pipeline (the emulator gives
    /// a completed one its metadata at once), and a request for metadata that the emulator
    /// accepts and drops. ship.lua and download.lua --request-metadata give up after --timeout
    /// with status 9, the timeout status, and say so as JSON under --json.
    @Test func aMetadataWaitThatTimesOutExitsWith9() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "60s"])
        let work = try TemporaryDirectory()
        let pending = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--no-wait", "--json"], against: emulator, directory: work.url)
        let object = try pending.json()
        let product = (object["product_id"] as? NSNumber)?.int64Value ?? 0
        let submission = (object["submission_id"] as? NSNumber)?.int64Value ?? 0
        let ids = ["\(product)", "\(submission)"]
        let request = "POST /products/{productId}/submissions/{submissionId}/createpublishermetadata"
        try emulator.admin("POST", "/faults", ["route": request, "status": 202, "count": 10])

        let ship = try ScriptRun.run(
            [ScriptRun.script("ship.lua")] + ids + ["--timeout", "0.5", "--interval", "0.05", "--json"], against: emulator)
        #expect(ship.status == 9, "\(ship.stderr)")
        #expect(ship.stderr.contains("timed out after 0.5 s waiting for the driver metadata"), "\(ship.stderr)")
        let shipError = try ship.json()["error"] as? [String: Any] ?? [:]
        #expect(shipError["kind"] as? String == "timeout")

        let download = try ScriptRun.run(
            [ScriptRun.script("download.lua")] + ids + ["--kind", "driverMetadata", "--request-metadata", "--timeout", "0.5", "--interval", "0.05"],
            against: emulator, directory: work.url)
        #expect(download.status == 9, "\(download.stderr)")
        #expect(download.stderr.contains("waiting for the driver metadata of submission \(submission)"), "\(download.stderr)")
        #expect(try emulator.count(request) == 2, "each script asked for the metadata once")
    }

    @Test func bulkSubmitSignsAFolderOfPackagesAndReportsEachOne() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "10ms"])
        let work = try TemporaryDirectory()
        try Self.packages(["widget-a", "widget-b"], in: work)
        try work.write("packages/not-a-driver/readme.txt", "no INF here")
        let run = try ScriptRun.run(
            [ScriptRun.script("bulk-submit.lua"), "packages", "--junit", "results.xml", "--json"] + Self.fast,
            against: emulator, directory: work.url)
        #expect(run.status == 1, "the first failure's status (invalid input):\n\(run.stderr)")
        let object = try run.json()
        #expect(object["ok"] as? Bool == false)
        #expect(object["signed"] as? Int == 2 && object["failed"] as? Int == 1)
        let junit = try String(contentsOf: work.url.appendingPathComponent("results.xml"), encoding: .utf8)
        #expect(junit.contains(#"tests="3" failures="1""#))
        #expect(FileManager.default.fileExists(atPath: work.url.appendingPathComponent("signed/widget-a-signed.zip").path))
        #expect(try emulator.held().submissions == 2)
    }

    /// --dry-run checks every package and prints, per package, the requests it would send;
    /// nothing reaches the service and nothing is written (no JUnit file, no step summary, no
    /// output folder). A package that fails its checks still fails the run.
    @Test func bulkSubmitDryRunChecksEveryPackageAndSendsNothing() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "10ms"])
        let work = try TemporaryDirectory()
        try Self.packages(["widget-a", "widget-b"], in: work)
        try work.write("packages/not-a-driver/readme.txt", "no INF here")
        let summary = work.url.appendingPathComponent("step-summary.md")
        try Data("## Earlier step\n".utf8).write(to: summary)
        try emulator.admin("DELETE", "/requests")

        let run = try ScriptRun.run(
            [ScriptRun.script("bulk-submit.lua"), "packages", "--dry-run", "--junit", "results.xml"] + Self.fast,
            against: emulator, environment: ["GITHUB_STEP_SUMMARY": summary.path], directory: work.url)
        #expect(run.status == 1, "the failing package's status (invalid input):\n\(run.stderr)")
        for name in ["widget-a", "widget-b"] {
            #expect(run.stdout.contains("\(name): dry run: POST /products\n"), "\(run.stdout)")
            #expect(run.stdout.contains("\(name): dry run: PUT <initialPackage SAS URL"), "\(run.stdout)")
        }
        let rows = run.stdout.split(separator: "\n")
        func row(_ package: String, says result: String) -> Bool {
            rows.contains { $0.hasPrefix(package + " ") && $0.contains(" \(result) ") }
        }
        #expect(row("widget-a", says: "would submit") && row("widget-b", says: "would submit"), "\(run.stdout)")
        #expect(row("not-a-driver", says: "failed"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("2 of 3 checked\ndry run: nothing was sent or written\n"), "\(run.stdout)")
        #expect(run.stderr.contains("packages/not-a-driver holds no .inf file"), "\(run.stderr)")

        let json = try ScriptRun.run(
            [ScriptRun.script("bulk-submit.lua"), "packages", "--dry-run", "--json"] + Self.fast, against: emulator, directory: work.url)
        #expect(json.status == 1, "\(json.stderr)")
        let object = try json.json()
        #expect(object["dry_run"] as? Bool == true && object["checked"] as? Int == 2 && object["failed"] as? Int == 1, "\(object)")
        let packages = object["packages"] as? [[String: Any]] ?? []
        let widget = packages.first { ($0["package"] as? String) == "packages/widget-a" }
        let requests = widget?["requests"] as? [[String: Any]] ?? []
        #expect(requests.contains { $0["method"] as? String == "POST" && $0["path"] as? String == "/products" }, "\(packages)")
        #expect(json.stderr.contains("widget-b: dry run: POST /products"), "the request lines go to stderr under --json")

        #expect(try emulator.requests().isEmpty, "a dry run sends nothing")
        for written in ["results.xml", "signed"] {
            #expect(!FileManager.default.fileExists(atPath: work.url.appendingPathComponent(written).path), "\(written) was written")
        }
        #expect(try String(contentsOf: summary, encoding: .utf8) == "## Earlier step\n", "the step summary was left alone")
    }

    /// Every script of scripts/, found there: `--help` exits 0 and shows its usage line, every
    /// option it declares and the exit status table.
    @Test func everyScriptHasAHelpThatShowsItsOptionsAndExitStatuses() throws {
        let folder = ScriptRun.repository.appendingPathComponent("scripts")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lua") }.sorted()
        #expect(scripts.count >= 7, "\(scripts)")
        for script in scripts {
            let source = try String(contentsOf: folder.appendingPathComponent(script), encoding: .utf8)
            let options = source.matches(of: /\{ (?:"-[a-zA-Z]", )?"(--[a-z][a-z0-9-]*)"/).map { String($0.1) }
            #expect(!options.isEmpty, "\(script) declares its options")
            let help = try ScriptRun.run([ScriptRun.script(script), "--help"])
            #expect(help.status == 0, "\(script) --help: \(help.stderr)")
            #expect(help.stdout.hasPrefix("usage: \(script) "), "\(script): \(help.stdout)")
            for option in options + ["--help"] {
                #expect(help.stdout.contains(option), "\(script) --help shows \(option)")
            }
            for status in ["Exit status:", "0  done", "2  usage", "3  authentication", "4  not found", "7  the service's pipeline failed it", "9  timed out", "130 interrupted"] {
                #expect(help.stdout.contains(status), "\(script) --help shows \(status)")
            }
        }
    }

    /// Every package signed: exit 0, a row per package, and the GitHub Actions step summary
    /// written to the file $GITHUB_STEP_SUMMARY names.
    @Test func bulkSubmitSignsEveryPackageAndWritesTheStepSummary() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "10ms"])
        let work = try TemporaryDirectory()
        try Self.packages(["widget-a", "widget-b", "widget-c"], in: work)
        let summary = work.url.appendingPathComponent("step-summary.md")
        try Data("## Earlier step\n".utf8).write(to: summary)
        let run = try ScriptRun.run(
            [ScriptRun.script("bulk-submit.lua"), "packages", "--concurrency", "3"] + Self.fast,
            against: emulator, environment: ["GITHUB_STEP_SUMMARY": summary.path], directory: work.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("3 of 3 signed\n"), "\(run.stdout)")
        for name in ["widget-a", "widget-b", "widget-c"] {
            #expect(run.stdout.contains(name))
            #expect(FileManager.default.fileExists(atPath: work.url.appendingPathComponent("signed/\(name)-signed.zip").path))
        }
        let markdown = try String(contentsOf: summary, encoding: .utf8)
        #expect(markdown.hasPrefix("## Earlier step\n## Driver submissions\n\n3 of 3 signed in "), "appended:\n\(markdown)")
        #expect(markdown.contains("| package | result | product | submission | seconds | error |"), "\(markdown)")
        #expect(markdown.contains("| widget-b | signed |"), "\(markdown)")
        #expect(try emulator.held().submissions == 3)
    }

    @Test func hwsubmitTestRunsSpecFilesAndFailsWhenOneFails() throws {
        let passing = try ScriptRun.run(["test", "--quiet", "--emulator", "--emulator-option=--step-delay=10ms", ScriptRun.repository.appendingPathComponent("examples").path])
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.hasSuffix("6 passed, 0 failed\n"), "\(passing.stdout)")

        let work = try TemporaryDirectory()
        try work.write("checks/broken_spec.lua", """
            local spec = require "spec"
            spec.describe("arithmetic", function()
              spec.it("holds", function() spec.expect(1 + 1).to_be(2) end)
              spec.it("is wrong here", function() spec.expect(2 + 2).to_be(5) end)
            end)
            """)
        let failing = try ScriptRun.run(["test", work.url.appendingPathComponent("checks").path])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAILED  arithmetic is wrong here\n        expected 5, got 4"), "\(failing.stdout)")
        #expect(failing.stdout.hasSuffix("1 passed, 1 failed\n"))
    }

    @Test func logWritesAtTheInterpretersLevelAndFormatWithoutSignatures() throws {
        let json = try ScriptRun.run([
            "--log-format", "json", "-e",
            #"require("log").info("hello", {n = 1, url = "https://a.blob.core.windows.net/c/b?sv=1&sig=abcdef123&se=2"})"#,
        ])
        #expect(json.status == 0)
        let line = try #require(try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any], "\(json.stderr)")
        #expect(line["level"] as? String == "info" && line["message"] as? String == "hello")
        let metadata = line["metadata"] as? [String: Any] ?? [:]
        #expect(metadata["n"] as? String == "1")
        #expect(metadata["url"] as? String == "https://a.blob.core.windows.net/c/b?sv=1&sig=<redacted>&se=2")

        let quiet = try ScriptRun.run([
            "--quiet", "-e", #"local log = require("log") log.info("hidden") log.warning("shown", {step = "upload"}) print(log.level(), log.enabled("info"))"#,
        ])
        #expect(quiet.stderr == "[warning] shown (step=upload)\n")
        #expect(quiet.stdout == "warning\tfalse\n")
    }
}
