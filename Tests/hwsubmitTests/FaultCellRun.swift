import Foundation
import Testing

/// One cell of the fault matrix, run: a fresh `hwsubmit-emulator` with the cell's fault,
/// `scripts/submit.lua --json` (or, for the requests beyond it, `Tests/lua/service_changes.lua`)
/// against it, and the checks of the cell's expected outcome: in every cell, passing or
/// failing, nothing was created or committed twice. Returns what went wrong instead of
/// recording issues, so that cells can run on threads of their own and the matrix can report
/// them all together.
struct FaultCellRun {
    let cell: FaultCell
    /// A package over the single-put threshold, for the cells of Put Block and Put Block List.
    let largePackage: String

    /// Seconds an attempt may wait for its answer (`HDC_REQUEST_TIMEOUT`), and the delay of a slow
    /// answer, well past it.
    static let attemptTimeout = 2
    static let slowAnswerMilliseconds = 5000
    /// How long a request is held while the watcher acts on the service (expires a URL, moves
    /// the clock): long enough for a watcher on a busy machine to see its cue first.
    static let heldForTheWatcherMilliseconds = 5000
    /// How long a run may take to fail on a fault that outlasts the retries: the six attempts'
    /// back-off (about 1 + 2 + 4 + 8 + 16 seconds at most, or the answers' `Retry-After`) and,
    /// for slow answers, their attempt timeouts. A permanent fault must not hold a build for minutes.
    static let failFastSeconds = 45.0

    /// The failed checks, none when the cell passed.
    func run() -> [String] {
        var problems: [String] = []
        func check(_ condition: @autoclosure () throws -> Bool, _ message: @autoclosure () -> String) {
            do {
                if try !condition() { problems.append(message()) }
            } catch {
                problems.append("\(message()) (\(error))")
            }
        }
        do {
            // Labels wait in Microsoft approval, where service_changes.lua cancels them.
            let emulator = try StandaloneEmulator(options: ["--step-delay", "20ms", "--approval-delay", "10m", "--metadata-delay", "0"])
            let work = try TemporaryDirectory()
            try inject(into: emulator)
            let started = Date()
            let run = try launch(against: emulator, in: work)
            let trail = "\nstderr:\n\(run.stderr.suffix(1500))"
            try checkNoDuplicates(emulator, check)
            var expected = cell.expected
            if case .completesOrFails(let status, let naming) = expected {
                expected = run.status == 0 ? .completes : .fails(status: status, naming: naming)
            }
            switch expected {
            case .completesOrFails:
                problems.append("unreachable: the outcome was decided above")
            case .completes:
                check(run.status == 0, "exit status \(run.status), expected 0\(trail)")
                let held = try emulator.held()
                check(held.products == 1 && held.submissions == 1, "the emulator holds \(held.products) products and \(held.submissions) submissions, expected 1 and 1")
                check(try emulator.landed(FaultCell.Operation.commit.route) == 1, "the commit landed \((try? emulator.landed(FaultCell.Operation.commit.route)) ?? -1) times, expected once")
                if cell.operation.isChangesFlow {
                    try checkChanges(run, emulator, check)
                } else {
                    let signed = work.url.appendingPathComponent("signed.zip")
                    let head = (try? FileHandle(forReadingFrom: signed).readData(ofLength: 2)) ?? Data()
                    check(head == Data("PK".utf8), "no signed ZIP at \(signed.path)")
                    let contents = (try? run.json())?["contents"] as? [[String: Any]] ?? []
                    let paths = contents.compactMap { $0["path"] as? String }
                    check(paths.contains { $0.hasSuffix(".cat") } && paths.contains { $0.hasSuffix(".inf") },
                          "the signed package lists no catalog and INF: \(paths)")
                }
                try checkFaultHit(emulator, check)
            case .fails(let status, let naming):
                let seconds = Date().timeIntervalSince(started)
                check(seconds <= Self.failFastSeconds, String(format: "took %.0f s to fail, more than %.0f s", seconds, Self.failFastSeconds))
                check(run.status == status, "exit status \(run.status), expected \(status)\(trail)")
                check(run.stderr.contains(naming), "stderr does not name the fault (\"\(naming)\")\(trail)")
                let error = (try? run.json())?["error"] as? [String: Any]
                check(error?["message"] is String, "--json printed no error object:\n\(run.stdout)")
                if case .persistentStatus(let code) = cell.fault, ![429, 500, 502, 503, 504].contains(code) {
                    check(try emulator.count(cell.operation.route) == 1, "a \(code) was sent \((try? emulator.count(cell.operation.route)) ?? -1) times, expected once (not retried)")
                }
                // Polling goes on through transient failures until --timeout, by design.
                if cell.operation != .pipeline {
                    if cell.operation != .pollSubmission {
                        check(try emulator.count(cell.operation.route) <= 6, "more attempts than the retry policy's 6")
                    }
                    try checkFaultHit(emulator, check)
                }
            }
        } catch {
            problems.append("could not run the cell: \(error)")
        }
        return problems
    }

    /// Runs the cell's flow against `emulator`, in `work`.
    private func launch(against emulator: StandaloneEmulator, in work: TemporaryDirectory) throws -> ScriptProcess.Outcome {
        let environment = ["HDC_REQUEST_TIMEOUT": "\(Self.attemptTimeout)"]
        if cell.operation.isChangesFlow {
            return try ScriptRun.run(
                [ScriptProcess.luaTests.appendingPathComponent("service_changes.lua").path], against: emulator,
                environment: environment.merging(ScriptProcess.luaEnvironment) { _, new in new }, directory: work.url)
        }
        let package = cell.operation.needsLargePackage ? largePackage : ScriptRun.example
        let timeout = cell.fault == .persistentStatus(503) ? "6" : "120"
        return try ScriptRun.run(
            [ScriptRun.script("submit.lua"), package, "--json", "--output", "signed.zip", "--timeout", timeout]
                + SubmitScriptSlowTests.fast,
            against: emulator, environment: environment, directory: work.url, watch: watcher(emulator))
    }

    /// Nothing made or committed twice, whatever the run ended with.
    private func checkNoDuplicates(_ emulator: StandaloneEmulator, _ check: (@autoclosure () throws -> Bool, @autoclosure () -> String) -> Void) throws {
        let held = try emulator.held()
        check(held.products <= 1, "duplicates: \(held.products) products")
        check(held.submissions <= 1, "duplicates: \(held.submissions) submissions")
        check(held.labels <= 1, "duplicates: \(held.labels) shipping labels")
        let commits = try emulator.landed(FaultCell.Operation.commit.route)
        check(commits <= 1, "duplicates: the commit landed \(commits) times")
        check(held.preprodPackages <= 1, "duplicates: \(held.preprodPackages) pre-production packages")
    }

    /// What service_changes.lua changed is there, once: one label, with the CHID added, cancelled;
    /// the product and the submission renamed.
    private func checkChanges(
        _ run: ScriptProcess.Outcome, _ emulator: StandaloneEmulator, _ check: (@autoclosure () throws -> Bool, @autoclosure () -> String) -> Void
    ) throws {
        let result = (try? run.json()) ?? [:]
        check(try emulator.held().labels == 1, "the emulator holds \((try? emulator.held().labels) ?? -1) shipping labels, expected 1")
        check(result["product_name"] as? String == "Changes Widget (renamed)", "the product was not renamed: \(result)")
        check(result["submission_name"] as? String == "changes 1.0 (renamed)", "the submission was not renamed: \(result)")
        check(result["chids"] as? Int == 1, "the label does not hold the CHID once: \(result)")
        let messages = result["label_messages"] as? [String] ?? []
        check(messages.contains { $0.contains("cancelled") }, "the label was not cancelled: \(result)")
        check(result["partner_submission_id"] as? Int == result["submission_id"] as? Int, "the partner's IDs were not translated: \(result)")
        check(result["partner_metadata"] as? Bool == true, "the shared submission has no driver metadata: \(result)")
        check((result["preprod_bytes"] as? Int ?? 0) > 0, "no pre-production signed files were downloaded: \(result)")
        check(try emulator.held().preprodPackages == 1, "the emulator holds \((try? emulator.held().preprodPackages) ?? -1) pre-production packages, expected 1")
    }

    /// The fault rule, planned failure or nothing (for the cells the watcher drives).
    private func inject(into emulator: StandaloneEmulator) throws {
        if cell.operation.isChangesFlow {
            // The submission service_changes.lua creates is the one a partner shared.
            try emulator.admin("POST", "/partner-submissions", [
                "publisherId": 27_691_110, "sourceProductId": 14_631_253_285_588_838,
                "sourceSubmissionId": 1_152_921_504_621_465_124, "submissionId": "next",
            ])
        }
        let route = cell.operation.route
        var rule: [String: Any] = ["route": route, "nth": cell.faultedRequest]
        switch cell.fault {
        case .status(let status): rule["status"] = status; if status == 429 { rule["retryAfter"] = 1 }
        case .drop: rule["drop"] = true
        case .dropAfterHandling: rule["drop"] = true; rule["after"] = true
        case .unavailableAfterHandling: rule["status"] = 503; rule["after"] = true
        case .slow: rule["delayMs"] = Self.slowAnswerMilliseconds
        case .persistentStatus(let status): rule["status"] = status; rule["count"] = 1000; if status == 429 { rule["retryAfter"] = 1 }
        case .persistentDrop: rule["drop"] = true; rule["count"] = 1000
        case .persistentSlow: rule["delayMs"] = Self.slowAnswerMilliseconds; rule["count"] = 1000
        case .expiredToken:
            // The commit is held back while the watcher moves the clock past the token's hour
            // (long enough, as below, for a watcher on a busy machine to see its cue).
            rule = ["route": FaultCell.Operation.commit.route, "delayMs": Self.heldForTheWatcherMilliseconds]
        case .expiredUploadURL, .expiredDownloadURL:
            // The request is held back while the watcher expires the URL it carries (a download
            // reads the blob's properties first, which the expiry may reach instead).
            rule = ["route": route, "delayMs": Self.heldForTheWatcherMilliseconds]
        case .failAt(let step):
            try emulator.admin("POST", "/submissions/next/fail-at", ["step": step, "messages": ["Injected failure at \(step)."]])
            return
        }
        try emulator.admin("POST", "/faults", rule)
    }

    /// What happens at the service while the script runs, for the expiry cells.
    private func watcher(_ emulator: StandaloneEmulator) -> ((String, String) -> Void)? {
        var done = false
        switch cell.fault {
        case .expiredToken:
            return { _, stderr in
                guard !done, stderr.contains("uploaded the package") else { return }
                done = true
                _ = try? emulator.admin("POST", "/clock/advance", ["seconds": 7200])
            }
        case .expiredUploadURL:
            return { _, stderr in
                guard !done, stderr.contains("created the submission"),
                    (try? emulator.count(FaultCell.Operation.pollSubmission.route)) ?? 0 >= 1 else { return }
                done = true
                _ = try? emulator.admin("POST", "/sas/expire", ["inSeconds": 0])
            }
        case .expiredDownloadURL:
            return { _, stderr in
                guard !done, stderr.contains("signed") else { return }
                done = true
                _ = try? emulator.admin("POST", "/sas/expire", ["inSeconds": 0])
            }
        default:
            return nil
        }
    }

    /// Proof that the fault happened: the rule changed a request, or the log shows the refusal
    /// an expiry causes.
    private func checkFaultHit(_ emulator: StandaloneEmulator, _ check: (@autoclosure () throws -> Bool, @autoclosure () -> String) -> Void) throws {
        let log = try emulator.requests()
        switch cell.fault {
        case .expiredToken:
            check(log.contains { ($0["status"] as? Int) == 401 }, "no request was refused with 401: the token never expired")
            check(try emulator.count("POST /{tenant}/oauth2/token") >= 2, "no new token was fetched")
        case .expiredUploadURL:
            let route = cell.operation.route
            check(log.contains { ($0["route"] as? String) == route && ($0["status"] as? Int) == 403 },
                  "no \(route) was refused with 403: the URL never expired")
        case .expiredDownloadURL:
            // The download reads the blob's properties before its GET: the expiry lands before
            // or after that HEAD, as the watcher's timing has it, and either must be refused.
            let refused = log.contains {
                ["HEAD blob", "GET blob"].contains($0["route"] as? String ?? "") && ($0["status"] as? Int) == 403
                    && ($0["path"] as? String ?? "").contains("signedPackage")
            }
            check(refused, "no HEAD or GET of the signed package was refused with 403: the URL never expired")
        case .failAt:
            break
        default:
            check(try emulator.faultsApplied() >= 1, "the fault never hit a request")
        }
    }
}
