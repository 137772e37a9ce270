import DevCenter

/// Environment variables that hold secrets or name where one is: the `hdc` module reads them in
/// Swift, and no sandbox may be granted them (`--allow-env`, a policy's `env`).
public enum SecretVariables {
    // An array, not a `Set`: it is read at every start, and a `Set<String>`'s metadata is made
    // at run time with a scan of the binary's conformances (docs/performance.md, start-up).
    /// `HDC_CLIENT_SECRET`, `HDC_ACCESS_TOKEN`, the certificate's path and passphrase, the
    /// federated token's file and command, GitHub Actions' token request pair, App Service's
    /// identity header (``ConnectionSettings/EnvironmentVariable/credentialVariables``).
    public static var names: [String] { ConnectionSettings.EnvironmentVariable.credentialVariables }

    /// Why granting `name` is refused, or nil when it may be granted: it is one of ``names``,
    /// or a variable a profile (or `hdc.connect`) names as holding a secret
    /// (``SecretEnvironment``).
    public static func refusal(_ name: String) -> String? {
        if names.contains(name) {
            return "\(name) holds a secret; secrets are never given to scripts (the hdc module uses them without Lua seeing them)"
        }
        guard SecretEnvironment.takenNames.contains(name) else { return nil }
        return "\(name) holds a secret (a profile or hdc.connect names it with client_secret_env, access_token_env or certificate_passphrase_env); secrets are never given to scripts (the hdc module uses them without Lua seeing them)"
    }
}
