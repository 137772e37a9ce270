import Foundation
import Testing

/// `--sandbox` and its options on the real `hwsubmit`: usage errors, `--help`, the REPL going
/// on after a limit, and the limits applying to each chunk.
@Suite struct SandboxCommandLineTests {
    @Test(arguments: ["--allow-read", "--allow-profile"])
    func optionsWithoutSandboxAreAUsageError(_ option: String) throws {
        let result = try HWSubmitProcess.run([option, "x", "-e", "print(1)"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("hwsubmit: '\(option)' applies only with --sandbox"))
        #expect(result.stdout == "")
    }

    @Test(arguments: [
        (["--max-memory", "lots"], "'--max-memory' needs a size such as 256M, 1G or a number of bytes, not 'lots'"),
        (["--max-instructions=-3"], "'--max-instructions' needs a positive number, not '-3'"),
        (["--timeout", "0"], "'--timeout' needs a duration more than 0, not '0'"),
        (["--timeout", "soon"], "--timeout 'soon' is not a duration; write a number of seconds or a number with ms, s, m or h"),
        (["--allow-env", "HOME,HDC_ACCESS_TOKEN"], "HDC_ACCESS_TOKEN holds a secret"),
    ])
    func badValuesAreUsageErrors(_ options: [String], _ message: String) throws {
        let result = try HWSubmitProcess.run(["--sandbox"] + options + ["-e", "print(1)"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func helpListsTheSandboxOptions() throws {
        let result = try HWSubmitProcess.run(["--help"])
        for option in ["--sandbox", "--allow-env NAME", "--allow-read DIR", "--allow-write DIR", "--allow-submit", "--allow-profile NAME", "--max-memory SIZE", "--max-instructions N", "--timeout DURATION"] {
            #expect(result.stdout.contains(option), "--help lacks \(option)")
        }
    }

    @Test func eachChunkHasItsOwnLimits() throws {
        let result = try HWSubmitProcess.run([
            "--sandbox", "--max-instructions", "1e6",
            // About 600,000 instructions each: together they would pass the limit.
            "-e", "local n = 0 for i = 1, 300000 do n = n + 1 end print('first chunk ' .. n)",
            "-e", "local n = 0 for i = 1, 300000 do n = n + 1 end print('second chunk ' .. n)",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("second chunk 300000"), "\(result.stdout)")
        let over = try HWSubmitProcess.run(["--sandbox", "--max-instructions", "1e6", "-e", "for i = 1, 3000000 do end"])
        #expect(over.status == 10, "\(over.stderr)")
    }

    @Test func whatSandboxedCodePrintsIsRedactedAndShowsControlCharacters() throws {
        // A SAS URL a module was handed, and escape sequences that would set the terminal's
        // clipboard (OSC 52) and clear its screen (the 8-bit CSI, U+009B).
        let code = #"print("https://x.blob.core.windows.net/c/b?sv=1&sig=SANDBOXSIG%2B1&se=2", "\27]52;c;ZWNobyBoaQ==\7", "\194\155" .. "2J")"#
        for arguments in [["--sandbox", "-e", code], ["-e", "require('sandbox').run([==[" + code + "]==], {})"]] {
            let result = try HWSubmitProcess.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("?sv=1&sig=<redacted>&se=2\t"), "\(arguments): \(result.stdout)")
            #expect(!result.stdout.contains("SANDBOXSIG"), "\(arguments): \(result.stdout)")
            #expect(result.stdout.hasSuffix(#"\27]52;c;ZWNobyBoaQ==\7"# + "\t" + #"\1552J"# + "\n"), "\(arguments): \(result.stdout)")
            let controls = result.stdout.unicodeScalars.filter { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B }
            #expect(controls.isEmpty, "\(arguments): \(result.stdout)")
        }
        // Outside a sandbox print is Lua's own: the script's author chose what to print.
        let trusted = try HWSubmitProcess.run(["-e", #"print("\27[0m")"#])
        #expect(trusted.stdout == "\u{1B}[0m\n")
        // Text log lines show control characters, in or out of a sandbox.
        for sandbox in [[], ["--sandbox"]] {
            let log = try HWSubmitProcess.run(sandbox + ["-e", #"require("log").info("a\27]0;title\7", {k = "\27[2J"})"#])
            #expect(log.stderr.contains(#"[info] a\27]0;title\7 (k=\27[2J)"#), "\(sandbox): \(log.stderr)")
            #expect(!log.stderr.unicodeScalars.contains { $0.value == 0x1B }, "\(sandbox): \(log.stderr)")
        }
    }

    @Test func theREPLGoesOnAfterALimit() throws {
        let result = try HWSubmitProcess.run(
            ["--sandbox", "--max-instructions", "1e6", "-i"],
            stdin: "while true do end\nio.open('/etc/passwd')\nprint('still here', 6 * 7)\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("instruction limit of 1000000 instructions exceeded"), "\(result.stderr)")
        #expect(result.stderr.contains("sandbox: io.open"), "\(result.stderr)")
        #expect(result.stdout.contains("still here\t42"), "\(result.stdout)")
        #expect(!result.stdout.contains("root:x:0"))
    }
}
