import Foundation
import Testing

/// preprod.lua, partner.lua and ship.lua --partner against the emulator: a package signed for
/// pre-production and its signed files downloaded, a wait for a partner's driver metadata that
/// times out and resumes from its journal without asking again, a label shared to a partner.
extension ScriptsSlowTests {
    /// The example package as a ZIP file in `work`.
    static func examplePackageZip(in work: TemporaryDirectory) throws -> String {
        let zip = work.url.appendingPathComponent("contoso-widget.zip").path
        let made = try ScriptRun.run(["-e", "require('archive').zip(\(luaString(ScriptRun.example)), \(luaString(zip)))"])
        #expect(made.status == 0, "\(made.stderr)")
        return zip
    }

    static func luaString(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "\\'") + "'" }

    @Test func preprodSendsWaitsAndDownloadsTheSignedFiles() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "20ms"])
        let work = try TemporaryDirectory()
        let zip = try Self.examplePackageZip(in: work)
        let output = work.url.appendingPathComponent("preprod-signed.zip").path

        let signed = try ScriptRun.run(
            [ScriptRun.script("preprod.lua"), zip, "--output", output, "--interval", "50ms", "--json"], against: emulator)
        #expect(signed.status == 0, "\(signed.stderr)")
        let result = try signed.json()
        #expect(result["signing_status"] as? String == "Succeeded", "\(result)")
        #expect(result["asset_type"] as? String == "SignedFilesZip", "\(result)")
        #expect((result["content_hash"] as? String)?.count == 64, "\(result)")
        let head = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: output)).readData(ofLength: 2)) ?? Data()
        #expect(head == Data("PK".utf8), "no signed ZIP at \(output)")
        #expect(signed.stderr.contains("for pre-production signing: package"), "\(signed.stderr)")

        // Sent now, followed later by its ID.
        let sent = try ScriptRun.run([ScriptRun.script("preprod.lua"), zip, "--no-wait", "--json"], against: emulator)
        #expect(sent.status == 0, "\(sent.stderr)")
        let id = try #require(try sent.json()["package_id"] as? String)
        let followed = try ScriptRun.run(
            [ScriptRun.script("preprod.lua"), "--package-id", id, "--no-download", "--interval", "50ms"], against: emulator)
        #expect(followed.status == 0, "\(followed.stderr)")
        #expect(followed.stdout.contains("package     \(id)  (Succeeded)"), "\(followed.stdout)")
        #expect(try emulator.held().preprodPackages == 2)

        // A package the service fails: exit 7 with its message.
        try emulator.admin("POST", "/preprod-packages/next/fail", ["messages": ["The package is not signed for attestation."]])
        let failed = try ScriptRun.run([ScriptRun.script("preprod.lua"), zip, "--interval", "50ms", "--json"], against: emulator)
        #expect(failed.status == 7, "\(failed.stderr)")
        #expect(failed.stderr.contains("The package is not signed for attestation."), "\(failed.stderr)")
        #expect((try failed.json()["error"] as? [String: Any])?["kind"] as? String == "workflowFailed")

        let neither = try ScriptRun.run([ScriptRun.script("preprod.lua"), "--json"], against: emulator)
        #expect(neither.status == 2, "\(neither.stderr)")
        #expect(neither.stderr.contains("give a PACKAGE to send, or --package-id ID"), "\(neither.stderr)")
    }

    @Test func partnerWaitsForMetadataForHoursAndResumesFromItsJournal() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "0"])
        let ids = try Self.signedOnTheClock(emulator)
        try emulator.admin("POST", "/partner-submissions", [
            "publisherId": 27_691_110, "sourceProductId": 14_631_253_285_588_838, "sourceSubmissionId": 1_152_921_504_621_465_124,
            "productId": Int64(ids[0]) ?? 0, "submissionId": Int64(ids[1]) ?? 0,
        ])
        let work = try TemporaryDirectory()
        let journal = work.url.appendingPathComponent("partner.journal.json").path
        let metadata = work.url.appendingPathComponent("driver-metadata.json").path
        let arguments = [ScriptRun.script("partner.lua"), "27691110", "14631253285588838", "1152921504621465124",
                         "--wait-metadata", "--download", metadata, "--journal", journal, "--interval", "50ms", "--json"]

        // The metadata takes hours: a short wait passes its deadline (exit 9), the journal kept.
        let early = try ScriptRun.run(arguments + ["--timeout", "400ms"], against: emulator)
        #expect(early.status == 9, "\(early.stderr)")
        #expect((try early.json()["error"] as? [String: Any])?["kind"] as? String == "timeout")
        let route = "POST /products/{productId}/submissions/{submissionId}/createpublishermetadata"
        #expect(try emulator.landed(route) == 1)

        // Hours later, the same command goes on waiting without asking again.
        try emulator.admin("POST", "/clock/advance", ["seconds": 3 * 3600])
        let resumed = try ScriptRun.run(arguments + ["--timeout", "1m"], against: emulator)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming from"), "\(resumed.stderr)")
        let result = try resumed.json()
        #expect("\((result["submission_id"] as? NSNumber)?.int64Value ?? 0)" == ids[1], "\(result)")
        #expect(result["driver_metadata"] as? Bool == true, "\(result)")
        #expect(try emulator.landed(route) == 1, "asked for once, not again on resuming")
        let text = try String(contentsOfFile: metadata, encoding: .utf8)
        #expect(text.contains("BundleInfoMap"), "the driver metadata was written")

        let listed = try ScriptRun.run([ScriptRun.script("partner.lua"), "--list"], against: emulator)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(ids[1]), "\(listed.stdout)")

        let unknown = try ScriptRun.run([ScriptRun.script("partner.lua"), "27691110", "1", "2"], against: emulator)
        #expect(unknown.status == 4, "\(unknown.stderr)")
    }

    @Test func shipWaitsForSigningAndMetadataWithWaitMetadata() throws {
        // Ten minutes a step on the emulator's clock: the submission moves only when the test
        // advances the clock, once ship.lua is waiting, so the wait is what is tested however
        // slow the machine (with real 20 ms steps it could be signed before ship.lua started).
        let emulator = try StandaloneEmulator(options: ["--step-delay", "10m"])
        let work = try TemporaryDirectory()
        let pending = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--no-wait", "--json"], against: emulator, directory: work.url)
        let object = try pending.json()
        let ids = ["\((object["product_id"] as? NSNumber)?.int64Value ?? 0)", "\((object["submission_id"] as? NSNumber)?.int64Value ?? 0)"]

        // Right after the commit, without --wait-metadata, there is nothing to ship yet (exit 5).
        let early = try ScriptRun.run([ScriptRun.script("ship.lua")] + ids + ["--json"], against: emulator)
        #expect(early.status == 5, "\(early.stderr)")

        var advanced = false
        let shipped = try ScriptRun.run(
            [ScriptRun.script("ship.lua")] + ids + ["--wait-metadata", "--interval", "50ms", "--json"], against: emulator,
            watch: { _, stderr in
                guard !advanced, stderr.contains("submission \(ids[1]) of product \(ids[0]): ") else { return }
                advanced = true
                _ = try? emulator.admin("POST", "/clock/advance", ["seconds": 3 * 3600])
            })
        #expect(advanced, "ship.lua did not wait: \(shipped.stderr)")
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect(shipped.stderr.contains("submission \(ids[1]) of product \(ids[0]): finalizeIngestion: completed"), "\(shipped.stderr)")
        let label = try shipped.json()
        #expect(label["destination"] as? String == "windowsUpdate", "\(label)")
        #expect(((label["targeting"] as? [String: Any])?["hardwareIds"] as? [Any])?.isEmpty == false, "\(label)")
    }

    @Test func shipSharesWithAPartnerAndTheLabelCannotBeCancelled() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "0"])
        let ids = try Self.signedOnTheClock(emulator)
        let shared = try ScriptRun.run(
            [ScriptRun.script("ship.lua")] + ids + ["--partner", "27691110", "--wait", "--interval", "50ms", "--json"], against: emulator)
        #expect(shared.status == 0, "\(shared.stderr)")
        let label = try shared.json()
        #expect(label["destination"] as? String == "anotherPartner", "\(label)")
        #expect((label["recipientSpecifications"] as? [String: Any])?["receiverPublisherId"] as? String == "27691110", "\(label)")
        #expect(label["publishingSpecifications"] == nil, "\(label)")
        #expect((label["workflowStatus"] as? [String: Any])?["currentStep"] as? String == "finalizeSharing", "\(label)")

        let labelID = (label["id"] as? NSNumber)?.int64Value ?? 0
        let cancel = try ScriptRun.run(["-e", "hdc.cancel_shipping_label(\(ids[0]), \(ids[1]), \(labelID))"], against: emulator)
        #expect(cancel.status == 5, "\(cancel.stderr)")
        #expect(cancel.stderr.contains("shared with a partner"), "\(cancel.stderr)")

        let missing = try ScriptRun.run([ScriptRun.script("ship.lua")] + ids + ["--destination", "anotherPartner"], against: emulator)
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(missing.stderr.contains("needs --partner PUBLISHER_ID"), "\(missing.stderr)")
    }
}
