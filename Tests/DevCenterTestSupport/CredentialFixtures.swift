import Foundation

/// The test-only certificates of `Tests/credentials` (see its README), copied where a test
/// wants them with the file mode it wants (hwsubmit refuses key files others can read).
public enum CredentialFixtures {
    /// The folder that holds them.
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("credentials")

    /// The passphrase of `app-encrypted.pem` and `app.p12`.
    public static let passphrase = "fixture-passphrase"
    /// The SHA-256 and SHA-1 thumbprints of the "app" certificate, as `openssl x509 -fingerprint` shows them.
    public static let appSHA256 = "C0CDB102A363B49FF67D9CF7E674FAD263EE7C1E79A5159FC04E0F0521FF83E1"
    public static let appSHA1 = "E01E6C807936C701CF85FD415945EE2E81814AF0"
    public static let otherSHA256 = "81C485D057B28B6EF06EAD86C60E719F9572E2071E6741BC40A745500F0FCCC2"

    /// The "app" certificate alone, PEM: what tests register with the emulator.
    public static var appCertificatePEM: String {
        (try? String(contentsOf: folder.appendingPathComponent("app-cert.pem"), encoding: .utf8)) ?? ""
    }

    /// Copies fixture `name` into `directory` with `mode`; returns the copy's path.
    public static func copy(_ name: String, to directory: URL, mode: Int = 0o600) throws -> String {
        let target = directory.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: target)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target.path)
        return target.path
    }

    /// A new empty folder under the system's temporary directory.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hwsubmit-credentials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
