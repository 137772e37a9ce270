import Foundation
import Testing

/// ship.lua and download.lua on an emulator whose steps take a minute, the clock moved by the
/// tests: the targeting options, what stops a label, driver metadata named in links, the wait
/// until Microsoft's approval, the certification report's page.
extension ScriptsSlowTests {
    /// A submission of the example package signed on an emulator whose steps take long: the
    /// clock is moved an hour on. Its product and submission IDs, as arguments.
    static func signedOnTheClock(_ emulator: StandaloneEmulator) throws -> [String] {
        let work = try TemporaryDirectory()
        let pending = try ScriptRun.run(
            [ScriptRun.script("submit.lua"), ScriptRun.example, "--no-wait", "--json"], against: emulator, directory: work.url)
        let object = try pending.json()
        let ids = ["\((object["product_id"] as? NSNumber)?.int64Value ?? 0)", "\((object["submission_id"] as? NSNumber)?.int64Value ?? 0)"]
        try emulator.admin("POST", "/clock/advance", ["seconds": 3600])
        // Signed once the package's inspection (in the background, after the commit) is done:
        // hdc.wait says when, instead of the test polling.
        let signed = try ScriptRun.run(["-e", "print(hdc.wait(\(ids[0]), \(ids[1]), {interval = 0.05}).commitStatus)"], against: emulator)
        #expect(signed.stdout == "commitComplete\n", "\(signed.stderr)")
        return ids
    }

    /// A service that names the driver metadata in the submission's links only: ship.lua finds it
    /// there, and waits until Microsoft's approval (not publishing); download.lua fetches it, and
    /// says where the certification report is instead of fetching a page of the dashboard.
    @Test func shipAndDownloadFindDriverMetadataInLinksAndShipWaitsUntilApproval() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "60s"])
        try emulator.admin("POST", "/scenario", ["driverMetadataIn": "links"])
        let ids = try Self.signedOnTheClock(emulator)
        nonisolated(unsafe) var advanced = false
        let ship = try ScriptRun.run(
            [ScriptRun.script("ship.lua")] + ids + ["--wait", "--until", "approval", "--timeout", "30", "--interval", "0.05", "--json"],
            against: emulator,
            watch: { _, stderr in
                // Once the label exists, its pipeline is moved into publishing: past the approval.
                guard !advanced, stderr.contains("created shipping label") else { return }
                advanced = true
                _ = try? emulator.admin("POST", "/clock/advance", ["seconds": 390])
            })
        #expect(ship.status == 0, "\(ship.stderr)")
        let workflow = try ship.json()["workflowStatus"] as? [String: Any] ?? [:]
        #expect(workflow["currentStep"] as? String == "publishing", "approved, still publishing: \(workflow)")

        let work = try TemporaryDirectory()
        let metadata = try ScriptRun.run(
            [ScriptRun.script("download.lua")] + ids + ["--kind", "driverMetadata", "--json"], against: emulator, directory: work.url)
        #expect(metadata.status == 0, "\(metadata.stderr)")
        let report = try ScriptRun.run(
            [ScriptRun.script("download.lua")] + ids + ["--kind", "certificationReport"], against: emulator, directory: work.url)
        #expect(report.status == 3, "\(report.stderr)")
        #expect(report.stderr.contains("/dashboard/hardware/Driver/DownloadCertificationReport/"), "\(report.stderr)")
        #expect(report.stderr.contains("browser signed in to Partner Center"), "\(report.stderr)")
    }

    /// ship.lua's targeting options reach the label; a wait past --timeout exits 9; a label
    /// that fails in its pipeline exits 7 with the service's messages; a range the service
    /// refuses exits 1 with its validation message.
    @Test func shipRestrictsToAudiencesAndARangeAndReportsWhatStopsIt() throws {
        // Steps of a minute: the label stays in its pipeline; the clock is moved past signing.
        let emulator = try StandaloneEmulator(options: ["--step-delay", "60s"])
        let ids = try Self.signedOnTheClock(emulator)
        let audience = "9a4d8b4f-4b7c-4c5a-9a52-0c1f6f0a1b01"

        let label = try ScriptRun.run(
            [ScriptRun.script("ship.lua")] + ids + ["--audience", audience, "--floor", "RS5", "--ceiling", "GE", "--json"], against: emulator)
        #expect(label.status == 0, "\(label.stderr)")
        let targeting = try label.json()["targeting"] as? [String: Any] ?? [:]
        #expect(targeting["restrictedToAudiences"] as? [String] == [audience], "\(targeting)")
        #expect(targeting["inServicePublishInfo"] as? [String: String] == ["flooring": "RS5", "ceiling": "GE"], "\(targeting)")

        let late = try ScriptRun.run(
            [ScriptRun.script("ship.lua")] + ids + ["--wait", "--timeout", "0.3", "--interval", "0.05", "--json"], against: emulator)
        #expect(late.status == 9, "\(late.stderr)")
        #expect((try late.json()["error"] as? [String: Any])?["kind"] as? String == "timeout")
        #expect(late.stderr.contains("was still in progress after"), "\(late.stderr)")

        try emulator.admin("POST", "/shipping-labels/next/fail-at", ["step": "created", "messages": ["The publisher account is under review."]])
        let failed = try ScriptRun.run(
            [ScriptRun.script("ship.lua")] + ids + ["--wait", "--timeout", "30", "--interval", "0.05", "--json"], against: emulator)
        #expect(failed.status == 7, "\(failed.stderr)")
        let failure = try failed.json()["error"] as? [String: Any] ?? [:]
        #expect(failure["kind"] as? String == "workflowFailed", "\(failure)")
        #expect(failed.stderr.contains("The publisher account is under review."), "\(failed.stderr)")

        let backwards = try ScriptRun.run([ScriptRun.script("ship.lua")] + ids + ["--floor", "GE", "--ceiling", "RS5"], against: emulator)
        #expect(backwards.status == 1, "\(backwards.stderr)")
        #expect(backwards.stderr.contains("targeting.inServicePublishInfo.ceiling: must not be below flooring"), "\(backwards.stderr)")
    }
}
