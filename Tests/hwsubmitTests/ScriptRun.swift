import Foundation
import Testing

/// The scripts of `scripts/` as the tests run them: their paths, the example package, and
/// the built `hwsubmit` pointed at a ``StandaloneEmulator`` (no profile or token of the machine
/// running the tests gets in the way).
enum ScriptRun {
    /// The repository's folder.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func script(_ name: String) -> String { repository.appendingPathComponent("scripts/\(name)").path }

    static var example: String { repository.appendingPathComponent("examples/contoso-widget").path }

    /// Runs `hwsubmit arguments` against `emulator` (or against nothing: no credentials at all),
    /// with `environment` added.
    static func run(
        _ arguments: [String], against emulator: StandaloneEmulator? = nil, environment: [String: String] = [:],
        directory: URL? = nil, killWhen: ((_ stdout: String, _ stderr: String) -> Bool)? = nil,
        watch: ((_ stdout: String, _ stderr: String) -> Void)? = nil
    ) throws -> ScriptProcess.Outcome {
        try ScriptProcess.run(
            arguments, environment: (emulator?.environment ?? [:]).merging(environment) { _, new in new },
            removing: ["HWSUBMIT_PATH"] + StandaloneEmulator.settingVariables
                + (emulator == nil ? ["HDC_TENANT_ID", "HDC_CLIENT_ID", "HDC_CLIENT_SECRET", "HDC_BASE_URL"] : []),
            killWhen: killWhen, watch: watch, directory: directory)
    }
}

extension ScriptProcess.Outcome {
    /// The JSON object `--json` printed.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(object as? [String: Any], "--json prints one object:\n\(stdout)")
    }
}
