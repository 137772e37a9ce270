/// Environment variables that hold secrets: the `hdc` module reads them in Swift, and no
/// sandbox may be granted them (`--allow-env`, a policy's `env`).
public enum SecretVariables {
    // An array, not a `Set`: it is read at every start, and a `Set<String>`'s metadata is made
    // at run time with a scan of the binary's conformances (docs/performance.md, start-up).
    public static let names: [String] = ["HDC_CLIENT_SECRET", "HDC_ACCESS_TOKEN"]

    /// Why granting `name` is refused, or nil when it may be granted: it is one of ``names``,
    /// or a variable a profile (or `hdc.connect`) names as holding a secret
    /// (``SecretEnvironment``).
    public static func refusal(_ name: String) -> String? {
        if names.contains(name) {
            return "\(name) holds a secret; secrets are never given to scripts (the hdc module uses them without Lua seeing them)"
        }
        guard SecretEnvironment.takenNames.contains(name) else { return nil }
        return "\(name) holds a secret (a profile or hdc.connect names it with client_secret_env or access_token_env); secrets are never given to scripts (the hdc module uses them without Lua seeing them)"
    }
}
