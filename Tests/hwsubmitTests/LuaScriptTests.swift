import Foundation
import Testing

/// The Lua test scripts of `Tests/lua` (`*_test.lua`), each run by the real
/// `hwsubmit --emulator`: every function of `hdc`, its argument errors, each kind of failure
/// forced by the emulator's faults, pages beyond the first, exact IDs, `hdc.null`. A script
/// passes when it exits 0 with `ok` as its last line; a first line `-- emulator: OPTIONS` passes
/// options to the emulator. Each runs with `XDG_CONFIG_HOME` set to an empty folder of its own.
@Suite struct LuaScriptTests {
    static let scripts: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: ScriptProcess.luaTests.path)) ?? []
        return names.filter { $0.hasSuffix("_test.lua") }.sorted()
    }()

    /// The emulator options a script asks for on its first line.
    static func emulatorOptions(of script: URL) -> [String] {
        let text = (try? String(contentsOf: script, encoding: .utf8)) ?? ""
        guard let first = text.split(separator: "\n").first, first.hasPrefix("-- emulator:") else { return [] }
        return first.dropFirst("-- emulator:".count).split(separator: " ").map(String.init)
    }

    @Test func thereAreScripts() {
        #expect(Self.scripts.count >= 6, "the Lua test scripts are found in \(ScriptProcess.luaTests.path)")
    }

    @Test(arguments: scripts)
    func script(_ name: String) throws {
        let path = ScriptProcess.luaTests.appendingPathComponent(name)
        let options = Self.emulatorOptions(of: path).map { "--emulator-option=\($0)" }
        // A configuration folder of its own (empty): a script may write a config.lua there to
        // test profiles, and the machine's own profiles never get in the way.
        let config = try TemporaryDirectory()
        let result = try ScriptProcess.run(
            ["--quiet", "--emulator"] + options + [path.path],
            environment: ScriptProcess.luaEnvironment.merging(["XDG_CONFIG_HOME": config.url.path]) { _, new in new },
            removing: ["HDC_PROFILE"])
        #expect(result.status == 0, "\(name) failed:\n\(result.stderr)")
        #expect(result.stdout.hasSuffix("ok\n"), "\(name) did not reach its end:\n\(result.stdout)")
        #expect(result.stderr == "", "\(name) wrote to stderr:\n\(result.stderr)")
    }
}
