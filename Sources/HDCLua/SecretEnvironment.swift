import DevCenter
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps the secrets hwsubmit reads from its environment out of the process's environment.
///
/// At start-up, ``takeSecrets()`` reads the variables that hold secrets (``SecretVariables``:
/// `HDC_CLIENT_SECRET`, `HDC_ACCESS_TOKEN`, and each variable a profile of config.lua names
/// with `client_secret_env`, `access_token_env` or `certificate_passphrase_env`; the certificate,
/// federated token and managed identity variables of ``SecretVariables``), keeps their values in Swift, and removes
/// them from the process: their bytes are overwritten where the environment holds them (the
/// block the process started with, which `/proc/self/environ` shows, included) and they are
/// unset, so no child process (`io.popen`, `os.execute`) inherits them. Later, settings
/// resolve from ``variables``: the process's environment with the values taken put back.
/// `hdc.connect{client_secret_env = NAME}` takes `NAME` the same way when it reads it.
public enum SecretEnvironment {
    // Arrays rather than a dictionary and a set: this runs at every start, and the metadata of
    // `[String: String]` or `Set<String>` is made at run time with a scan of the binary's
    // conformances (docs/performance.md, start-up). They hold a handful of names.
    private static let taken = LockedValue<[(name: String, value: String)]>([])
    private static let names = LockedValue<[String]>([])

    /// Takes the secret variables out of the environment (call once, first thing).
    public static func takeSecrets() {
        var wanted = SecretVariables.names
        if let config = configFile(), access(config, R_OK) == 0 {
            // The profiles' variables: an unreadable or failing file names none (the error
            // shows when a profile is first needed, as before).
            let named = (try? LuaProfileSource(path: config, environment: ProcessInfo.processInfo.environment).secretVariables()) ?? []
            wanted += named.sorted().filter { !wanted.contains($0) }
        }
        for name in wanted { take(name) }
    }

    /// Takes `name` out of the environment (its value stays in ``variables``), and refuses it
    /// to `os.getenv` and `--allow-env` from now on.
    public static func take(_ name: String) {
        names.withLock { if !$0.contains(name) { $0.append(name) } }
        guard !name.isEmpty, !name.contains("="), let value = getenv(name) else { return }
        let text = String(cString: value)
        taken.withLock { list in
            list.removeAll { $0.name == name }
            list.append((name, text))
        }
        scrub(name)
        unsetenv(name)
    }

    /// The variables taken so far (whether or not they were set).
    public static var takenNames: [String] { names.withLock { $0 } }

    /// The secret values taken so far: what every output of the run must redact. Variables
    /// that only name where a secret is (a certificate's path, a token file) are left out, so
    /// that an error can name the file.
    public static var takenValues: [String] {
        let locations = ConnectionSettings.EnvironmentVariable.credentialLocationVariables
        return taken.withLock { $0.filter { !locations.contains($0.name) }.map(\.value) }
    }

    /// The environment settings resolve from: the process's, with the values taken put back.
    public static var variables: [String: String] {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in taken.withLock({ $0 }) { variables[name] = value }
        return variables
    }

    /// Overwrites the value of every `name=value` entry of the environment with zero bytes.
    private static func scrub(_ name: String) {
        let prefix = (name + "=").utf8.map { CChar(bitPattern: $0) }
        var entry: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        while let current = entry, let text = current.pointee {
            if strncmp(text, prefix, prefix.count) == 0 {
                let value = text + prefix.count
                memset(value, 0, strlen(value))
            }
            entry = current + 1
        }
    }

    /// config.lua's path, as ``LuaProfileSource/standardPath(environment:)`` finds it.
    private static func configFile() -> String? {
        if let config = getenv("XDG_CONFIG_HOME"), config.pointee != 0 { return String(cString: config) + "/hwsubmit/config.lua" }
        guard let home = getenv("HOME"), home.pointee != 0 else { return nil }
        return String(cString: home) + "/.config/hwsubmit/config.lua"
    }
}
