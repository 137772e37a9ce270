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
