/// Environment variables that hold secrets: the `hdc` module reads them in Swift, and no
/// sandbox may be granted them (`--allow-env`, a policy's `env`).
public enum SecretVariables {
    public static let names: Set<String> = ["HDC_CLIENT_SECRET", "HDC_ACCESS_TOKEN"]

    /// Why granting `name` is refused, or nil when it may be granted.
    public static func refusal(_ name: String) -> String? {
        guard names.contains(name) else { return nil }
        return "\(name) holds a secret; secrets are never given to scripts (the hdc module uses them without Lua seeing them)"
    }
}
