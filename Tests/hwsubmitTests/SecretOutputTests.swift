import Foundation
import Testing

/// No token, client secret or SAS signature reaches what hwsubmit shows: the state Lua can
/// reach after a whole workflow, and every output (text, `--json`, JUnit XML, the GitHub step
/// summary, errors and tracebacks, log lines as text and JSON, the REPL, a sandbox's output),
/// fed with every encoding of each (`SecretSamples`) by `Tests/lua/secrets_scan.lua` and by the
/// service itself, through the scripts of `scripts/`.
@Suite struct SecretOutputTests {
    /// Lines of `printed` that show a `sig=` or a `Bearer` credential not redacted.
    static func unmasked(in printed: String) throws -> [String] {
        // The placeholder as XML and JSON may escape it, too.
        let placeholder = #"(?:<redacted>|&lt;redacted&gt;|\u003credacted\u003e)"#
        let patterns = [try Regex(#"(?i)sig=(?!"# + placeholder + ")"), try Regex(#"(?i)bearer (?!"# + placeholder + ")")]
        return printed.split(separator: "\n").map(String.init).filter { line in patterns.contains { line.firstMatch(of: $0) != nil } }
    }

    /// Writes the samples for `secrets`, one per line, and returns the file.
    static func writeSamples(secrets: [String], in directory: TemporaryDirectory) throws -> URL {
        try directory.write("samples.txt", SecretSamples.samples(secrets: secrets).joined(separator: "\n") + "\n")
    }

    /// After a full workflow (the stdlib's workflow.submit: create, upload, commit, wait,
    /// download), in the trusted script and in a sandbox, with the client secret in the
    /// environment: no string reachable from the Lua state holds the secret or a token. Lua does
    /// hold SAS URLs, signature included: they are what hdc.upload and hdc.download take
    /// (docs/sandbox.md). Then every sample goes through every output, and what the run printed
    /// (results, logs at debug level, errors), the JUnit file and the step summary hold none.
    @Test func noSecretIsReachableFromLuaOrShownByAnyOutput() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "10ms"])
        let secret = try #require(emulator.environment["HDC_CLIENT_SECRET"])
        let output = try TemporaryDirectory()
        let strings = output.url.appendingPathComponent("strings.txt")
        let summary = output.url.appendingPathComponent("summary.md")
        let samples = try Self.writeSamples(secrets: [secret], in: output)
        let result = try ScriptProcess.run(
            [
                "--log-level", "debug", ScriptProcess.luaTests.appendingPathComponent("secrets_scan.lua").path, strings.path,
                ScriptRun.example, output.url.path, samples.path,
            ],
            environment: emulator.environment.merging(["GITHUB_STEP_SUMMARY": summary.path]) { _, new in new },
            removing: StandaloneEmulator.settingVariables)
        #expect(result.status == 1, "the scan ends with an uncaught error:\n\(result.stderr.suffix(3000))")
        #expect(result.stdout.contains("fed \(SecretSamples.samples(secrets: [secret]).count) samples"), "the feed ran to its end")

        // The walk.
        let lines = String(decoding: try Data(contentsOf: strings), as: UTF8.self).split(separator: "\n")
        #expect(lines.count > 200, "the walk reached the state's strings")
        #expect(lines.contains("Scanned Widget"), "the walk reached the results")
        #expect(lines.contains("Sandboxed Scan Widget"), "the walk reached what a sandbox returned")
        #expect(lines.contains { $0.contains("sig=") }, "the walk reached the SAS URLs Lua holds")
        #expect(FileManager.default.fileExists(atPath: output.url.appendingPathComponent("signed.zip").path))
        #expect(FileManager.default.fileExists(atPath: output.url.appendingPathComponent("sandboxed-signed.zip").path))
        let jwt = try Regex(#"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\."#)
        for line in lines {
            #expect(!line.contains(secret), "the client secret is reachable from Lua: \(line)")
            #expect(line.firstMatch(of: jwt) == nil, "an access token is reachable from Lua: \(line)")
            #expect(!line.lowercased().contains("bearer "), "an authorization header is reachable from Lua: \(line)")
        }

        // The outputs.
        let junit = try String(contentsOf: output.url.appendingPathComponent("junit.xml"), encoding: .utf8)
        let markdown = try String(contentsOf: summary, encoding: .utf8)
        #expect(junit.contains("<testsuite") && junit.contains("&lt;redacted&gt;"), "\(junit.prefix(500))")
        #expect(markdown.hasPrefix("## ") && markdown.contains("<redacted>"), "\(markdown.prefix(500))")
        #expect(result.stdout.contains("\"ok\": false"), "--json printed the failures")
        #expect((result.stdout + result.stderr).contains("Scanned Widget") && result.stdout.contains("sig=<redacted>"))
        #expect(result.stderr.contains("hwsubmit: ") && result.stderr.contains("the last sample, uncaught: "), "\(result.stderr.suffix(2000))")
        #expect(result.stderr.contains("stack traceback:"))
        for (name, text) in [("stdout", result.stdout), ("stderr", result.stderr), ("JUnit", junit), ("step summary", markdown)] {
            for leak in SecretSamples.leaks(in: text, secrets: [secret]) { Issue.record("\(name) shows a secret: \(leak)") }
            #expect(text.firstMatch(of: jwt) == nil, "\(name) shows an access token")
            for line in try Self.unmasked(in: text) { Issue.record("\(name) shows a signature or credential unmasked: \(line)") }
        }
    }

    /// The same feed with log lines as JSON, and the run's secrets (a client secret with
    /// characters that need escaping, a static token) given in the environment only.
    @Test func jsonLogLinesAndErrorsShowNoSecret() throws {
        let output = try TemporaryDirectory()
        let secrets = [SecretSamples.clientSecret, SecretSamples.staticToken]
        let samples = try Self.writeSamples(secrets: secrets, in: output)
        let summary = output.url.appendingPathComponent("summary.md")
        let result = try ScriptProcess.run(
            [
                "--log-format", "json", "--log-level", "debug", ScriptProcess.luaTests.appendingPathComponent("secrets_scan.lua").path,
                output.url.appendingPathComponent("strings.txt").path, ScriptRun.example, output.url.path, samples.path, "feed-only",
            ],
            environment: ["HDC_CLIENT_SECRET": secrets[0], "HDC_ACCESS_TOKEN": secrets[1], "GITHUB_STEP_SUMMARY": summary.path],
            removing: StandaloneEmulator.settingVariables)
        #expect(result.status == 1, "\(result.stderr.suffix(2000))")
        #expect(result.stdout.contains("fed \(SecretSamples.samples(secrets: secrets).count) samples"), "\(result.stderr.suffix(2000))")
        let logLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(logLines.count >= 2 * SecretSamples.samples(secrets: secrets).count, "a JSON line per log call")
        for line in logLines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["message"] is String, "a JSON log line: \(line)")
        }
        let junit = try String(contentsOf: output.url.appendingPathComponent("junit.xml"), encoding: .utf8)
        let markdown = try String(contentsOf: summary, encoding: .utf8)
        for (name, text) in [("stdout", result.stdout), ("stderr", result.stderr), ("JUnit", junit), ("step summary", markdown)] {
            for leak in SecretSamples.leaks(in: text, secrets: secrets) { Issue.record("\(name) shows a secret: \(leak)") }
            for line in try Self.unmasked(in: text) { Issue.record("\(name) shows a signature or credential unmasked: \(line)") }
        }
        #expect(result.stderr.contains("<redacted>"))
    }

    /// What the REPL shows of a value, and of an error, holds no secret: at a terminal (results
    /// shown by `pretty`) and without one (`hwsubmit -i < file`, results shown with `print`, as
    /// `lua -i` does).
    @Test func theREPLShowsNoSecret() throws {
        let output = try TemporaryDirectory()
        let secrets = [SecretSamples.clientSecret, SecretSamples.staticToken]
        let samples = try Self.writeSamples(secrets: secrets, in: output)
        let terminal = try TerminalSession(environment: ["HDC_CLIENT_SECRET": secrets[0], "HDC_ACCESS_TOKEN": secrets[1]])
        defer { terminal.close() }
        try terminal.waitForLastLine(">")
        for line in [
            "samples = {} for line in io.lines('\(samples.path)') do samples[#samples + 1] = line end",
            "samples", "{url = samples[1], sig = samples[2], [samples[3]] = samples[4]}", "samples[1], samples[#samples]",
            "error(table.concat(samples, ' '))", "error(hdc.new_error{kind = 'notFound', message = samples[1]})",
        ] {
            try terminal.enter(line)
            try terminal.waitForPrompt(after: "> " + line)
        }
        try terminal.enter("'the end'")
        try terminal.waitFor("\"the end\"")
        let shown = try terminal.history()
        #expect(shown.components(separatedBy: "<redacted>").count > SecretSamples.samples(secrets: secrets).count, "\(shown.suffix(3000))")

        let piped = try HWSubmitProcess.run(
            ["-i"], stdin: """
                samples = {} for line in io.lines('\(samples.path)') do samples[#samples + 1] = line end
                table.unpack(samples)
                error(table.concat(samples, ' '))

                """,
            environment: ["HDC_CLIENT_SECRET": secrets[0], "HDC_ACCESS_TOKEN": secrets[1]])
        #expect(piped.stdout.components(separatedBy: "<redacted>").count > SecretSamples.samples(secrets: secrets).count, "\(piped.stdout)")
        #expect(piped.stderr.contains("<redacted>"), "\(piped.stderr)")
        for (name, text) in [("at a terminal", shown), ("without a terminal", piped.stdout + piped.stderr)] {
            for leak in SecretSamples.leaks(in: text, secrets: secrets) { Issue.record("the REPL \(name) shows a secret: \(leak)") }
            for line in try Self.unmasked(in: text) { Issue.record("the REPL \(name) shows a signature unmasked: \(line)") }
        }
    }

    /// The service's own messages quoting secrets (a failed submission's), through the scripts:
    /// bulk-submit.lua's table, JUnit, step summary and `--json`, status.lua's table and
    /// `--json`, and the errors they end with.
    @Test func scriptsShowNoSecretTheServiceSent() throws {
        let emulator = try StandaloneEmulator(options: ["--step-delay", "10ms"])
        let secret = try #require(emulator.environment["HDC_CLIENT_SECRET"])
        let messages = SecretSamples.samples(secrets: [secret])
        let work = try TemporaryDirectory()
        try ScriptsSlowTests.packages(["widget"], in: work)
        let summary = work.url.appendingPathComponent("summary.md")
        var shown: [(String, String)] = []
        for json in [true, false] {
            try emulator.admin("POST", "/submissions/next/fail-at", ["step": "scanning", "messages": messages])
            let run = try ScriptRun.run(
                [ScriptRun.script("bulk-submit.lua"), "packages", "--junit", "results.xml"] + (json ? ["--json"] : []) + ScriptsSlowTests.fast,
                against: emulator, environment: ["GITHUB_STEP_SUMMARY": summary.path], directory: work.url)
            #expect(run.status == 7, "\(run.stderr.suffix(2000))")
            shown += [("bulk-submit stdout", run.stdout), ("bulk-submit stderr", run.stderr)]
            shown.append(("JUnit", try String(contentsOf: work.url.appendingPathComponent("results.xml"), encoding: .utf8)))
        }
        shown.append(("step summary", try String(contentsOf: summary, encoding: .utf8)))
        for json in [true, false] {
            let status = try ScriptRun.run([ScriptRun.script("status.lua"), "--all"] + (json ? ["--json"] : []), against: emulator)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("scanning"), "\(status.stdout)")
            shown += [("status stdout", status.stdout), ("status stderr", status.stderr)]
        }
        for (name, text) in shown {
            #expect(text.contains("<redacted>") || text.contains("&lt;redacted&gt;") || name.hasSuffix("stderr"),
                    "\(name) shows the messages:\n\(text.prefix(3000))")
            for leak in SecretSamples.leaks(in: text, secrets: [secret]) { Issue.record("\(name) shows a secret: \(leak)") }
            for line in try Self.unmasked(in: text) { Issue.record("\(name) shows a signature or credential unmasked: \(line)") }
        }
    }
}
