import Foundation
import Testing

/// The escape corpus of `Tests/sandbox/escapes`: each `*.lua` file is an attempt to get out of
/// the sandbox (or past one of its limits), run by the real `hwsubmit`, with the outcome it
/// must have in its header:
///
/// ```lua
/// -- escape: what the attempt is
/// -- args: --sandbox --max-instructions 1e7     (options before the script; {fixture} allowed)
/// -- env: NAME=VALUE                             (repeatable)
/// -- exit: 10                                    (the exit status)
/// -- stderr: text                                (repeatable: each must appear on stderr)
/// -- stdout: text                                (repeatable: each must appear on stdout)
/// -- never: text                                 (repeatable: must appear in neither)
/// ```
///
/// The script gets a fixture directory as `arg[1]`: `granted/` (with a link to /etc/passwd,
/// a link to a directory outside, a module linked from outside and a "module" of bytecode),
/// `outside/` and `config/hwsubmit/config.lua` (the profiles contoso, the default, fabrikam
/// and northwind). Every case
/// must end by itself, unsignalled: a contained attempt leaves a healthy process behind.
@Suite struct SandboxEscapeTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sandbox/escapes")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { $0.hasSuffix(".lua") }.sorted()
    }()

    struct Expectation {
        var arguments: [String] = []
        var environment: [String: String] = [:]
        var exit: Int32?
        var stderr: [String] = []
        var stdout: [String] = []
        var never: [String] = []

        init(header text: String, fixture: String) {
            for line in text.split(separator: "\n") {
                guard line.hasPrefix("-- ") else { break }
                let body = line.dropFirst(3)
                guard let colon = body.firstIndex(of: ":") else { continue }
                let key = body[..<colon]
                let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    .replacingOccurrences(of: "{fixture}", with: fixture)
                switch key {
                case "args": arguments += value.split(separator: " ").map(String.init)
                case "env":
                    let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                    environment[parts[0]] = parts.count > 1 ? parts[1] : ""
                case "exit": exit = Int32(value)
                case "stderr": stderr.append(value)
                case "stdout": stdout.append(value)
                case "never": never.append(value)
                default: break
                }
            }
        }
    }

    /// The directories and links the cases try to escape through.
    static func makeFixture() throws -> TemporaryDirectory {
        let fixture = try TemporaryDirectory()
        let root = fixture.url.path
        try fixture.write("granted/inside.lua", "return 'inside'\n")
        try fixture.write("granted/data.txt", "granted data\n")
        try fixture.write("outside/secret.lua", "return 'SECRET-OUTSIDE'\n")
        try fixture.write("granted/compiled.lua", "\u{1B}Lua\u{54}\u{00}\u{19}\u{93}\r\n\u{1A}\n\u{04}\u{08}\u{08}")
        try fixture.write("outside/secret.txt", "SECRET-OUTSIDE\n")
        // Profiles for XDG_CONFIG_HOME={fixture}/config: the default one and two others.
        try fixture.write("config/hwsubmit/config.lua", """
            return {
              default = "contoso",
              profiles = {
                contoso = {tenant_id = "contoso-tenant", client_id = "contoso-app", access_token_env = "CONTOSO_TOKEN"},
                fabrikam = {tenant_id = "fabrikam-tenant", client_id = "fabrikam-app", access_token_env = "FABRIKAM_TOKEN"},
                northwind = {tenant_id = "northwind-tenant", client_id = "northwind-app", access_token_env = "NORTHWIND_TOKEN"},
              },
            }
            """)
        let files = FileManager.default
        try files.createSymbolicLink(atPath: root + "/granted/link-out", withDestinationPath: "/etc/passwd")
        try files.createSymbolicLink(atPath: root + "/granted/door", withDestinationPath: "../outside")
        try files.createSymbolicLink(atPath: root + "/granted/smuggled.lua", withDestinationPath: root + "/outside/secret.lua")
        return fixture
    }

    @Test func thereIsACorpus() {
        #expect(Self.cases.count >= 25, "the escape corpus is found in \(Self.corpus.path)")
    }

    @Test(arguments: cases)
    func escape(_ name: String) throws {
        let fixture = try Self.makeFixture()
        let path = Self.corpus.appendingPathComponent(name)
        let text = try String(contentsOf: path, encoding: .utf8)
        let expected = Expectation(header: text, fixture: fixture.url.path)
        #expect(expected.exit != nil, "\(name) has no '-- exit:' line")
        let result = try ScriptProcess.run(
            expected.arguments + [path.path, fixture.url.path], environment: expected.environment, timeout: 120)
        let report = "\(name):\nstatus \(result.status)\nstdout:\n\(result.stdout)\nstderr:\n\(result.stderr)"
        #expect(!result.signalled, "\(report)")
        #expect(result.status == expected.exit, "\(report)")
        for text in expected.stderr { #expect(result.stderr.contains(text), "stderr lacks '\(text)': \(report)") }
        for text in expected.stdout { #expect(result.stdout.contains(text), "stdout lacks '\(text)': \(report)") }
        for text in expected.never {
            #expect(!result.stdout.contains(text) && !result.stderr.contains(text), "'\(text)' escaped: \(report)")
        }
        #expect(!result.stderr.contains("Fatal error"), "\(report)")
    }
}
