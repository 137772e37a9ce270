import Foundation
import Testing

/// Every duration option of `hwsubmit`, the scripts and the emulator takes the same forms
/// (`90`, `2s`, `400ms`, `5m`) and refuses anything else with a message naming the option and
/// the forms, as a usage error.
@Suite struct DurationOptionTests {
    static let forms = ["90", "2s", "400ms", "5m"]
    static let nonsense = ["soon", "3x", "-1"]

    /// Every script's duration options.
    static let scriptOptions: [(script: String, options: [String])] = [
        ("submit.lua", ["--timeout", "--interval", "--max-interval", "--request-timeout"]),
        ("derive.lua", ["--timeout", "--interval", "--max-interval", "--request-timeout"]),
        ("bulk-submit.lua", ["--timeout", "--interval", "--max-interval", "--request-timeout"]),
        ("download.lua", ["--timeout", "--interval", "--request-timeout"]),
        ("ship.lua", ["--timeout", "--interval", "--request-timeout"]),
        ("status.lua", ["--request-timeout"]),
        ("list.lua", ["--request-timeout"]),
        ("preprod.lua", ["--timeout", "--interval", "--max-interval", "--request-timeout"]),
        ("partner.lua", ["--timeout", "--interval", "--max-interval", "--request-timeout"]),
    ]

    @Test func interpreterOptionsTakeEveryForm() throws {
        for form in Self.forms {
            let run = try ScriptProcess.run(["--request-timeout", form, "-e", "print('ran')"])
            #expect(run.status == 0 && run.stdout == "ran\n", "--request-timeout \(form): \(run.stderr)")
            let sandboxed = try ScriptProcess.run(["--sandbox", "--timeout", form, "-e", "print('ran')"])
            #expect(sandboxed.status == 0 && sandboxed.stdout == "ran\n", "--sandbox --timeout \(form): \(sandboxed.stderr)")
        }
    }

    @Test func interpreterOptionsRefuseNonsense() throws {
        for bad in Self.nonsense {
            // Written with `=`: the interpreter, like lua, reads a word starting with `-` as an option.
            let run = try ScriptProcess.run(["--request-timeout=\(bad)", "-e", "print('ran')"])
            #expect(run.status == 2, "--request-timeout \(bad): \(run.status)")
            #expect(run.stderr.contains("--request-timeout '\(bad)' is not a duration; write a number of seconds"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            let sandboxed = try ScriptProcess.run(["--sandbox", "--timeout=\(bad)", "-e", "print('ran')"])
            #expect(sandboxed.status == 2, "--sandbox --timeout \(bad): \(sandboxed.status)")
            #expect(sandboxed.stderr.contains("--timeout '\(bad)' is not a duration"), "\(sandboxed.stderr)")
        }
    }

    @Test func everyScriptOptionRefusesNonsense() throws {
        for (script, options) in Self.scriptOptions {
            for option in options {
                let run = try ScriptRun.run([ScriptRun.script(script), option, "soon"])
                #expect(run.status == 2, "\(script) \(option) soon: exit \(run.status)\n\(run.stderr)")
                #expect(run.stderr.contains("\(option) expects a duration (90, 2s, 400ms, 5m, 6h), got 'soon'"), "\(script): \(run.stderr)")
            }
        }
    }

    @Test func scriptOptionsTakeEveryForm() throws {
        let emulator = try StandaloneEmulator()
        for form in Self.forms {
            let run = try ScriptRun.run([ScriptRun.script("status.lua"), "--request-timeout", form, "--json"], against: emulator)
            #expect(run.status == 0, "status.lua --request-timeout \(form): \(run.stderr)")
        }
        // The shared parser behind `type = "duration"` in every script.
        let forms = Self.forms.map { "'\($0)'" }.joined(separator: ", ")
        let run = try ScriptProcess.run(["-e", """
            local args = require "args"
            local out = {}
            for _, form in ipairs({\(forms)}) do
              out[#out + 1] = args.parse({options = {{"--timeout", type = "duration"}}}, {"--timeout", form}).timeout
            end
            print(table.concat(out, " "))
            """])
        #expect(run.stdout == "90.0 2.0 0.4 300.0\n", "\(run.stderr)")
    }

    @Test func emulatorOptionsTakeEveryFormAndRefuseNonsense() throws {
        for form in Self.forms {
            _ = try StandaloneEmulator(options: ["--step-delay", form, "--metadata-delay", form, "--token-lifetime", form == "400ms" ? "5m" : form])
        }
        for option in ["--step-delay", "--metadata-delay", "--token-lifetime"] {
            let run = try ScriptProcess.run(["emulator", option, "soon"])
            #expect(run.status == 64, "\(option) soon: exit \(run.status)")
            #expect(run.stderr.contains("\(option) 'soon' is not a duration; write a number of seconds"), "\(run.stderr)")
        }
    }
}
