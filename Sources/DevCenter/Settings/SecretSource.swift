import Foundation

/// Where a profile's secret comes from. A profile file never has to hold the secret itself.
public enum SecretSource: Sendable, Hashable, CustomStringConvertible {
    /// The value of an environment variable.
    case environment(String)
    /// The contents of a file (trailing newlines removed); `~` is expanded.
    case file(String)
    /// The secret itself, for sources that have already read it.
    case value(Secret)

    public var description: String {
        switch self {
        case .environment(let name): return "environment variable \(name)"
        case .file(let path): return "file \(path)"
        case .value: return "a value given in the profile"
        }
    }

    /// Reads the secret; the error names the profile and where the secret should have been.
    func read(environment: [String: String], profile: String, field: String) throws -> Secret {
        switch self {
        case .value(let secret):
            return secret
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw DevCenterError.configuration(
                    "Profile \"\(profile)\" takes its \(field) from the environment variable \(name), which is not set",
                    advice: "Set \(name), or change the profile's \(field) source.")
            }
            return Secret(value)
        case .file(let path):
            let expanded = Self.expandingTilde(path, environment: environment)
            guard let data = FileManager.default.contents(atPath: expanded),
                let text = String(data: data, encoding: .utf8)
            else {
                throw DevCenterError.configuration(
                    "Profile \"\(profile)\" takes its \(field) from the file \(expanded), which cannot be read",
                    advice: "Create the file with the \(field) on its first line (readable only by you), or change the profile.")
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else {
                throw DevCenterError.configuration(
                    "Profile \"\(profile)\" takes its \(field) from the file \(expanded), which is empty",
                    advice: "Put the \(field) in the file.")
            }
            return Secret(value)
        }
    }

    static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }
}
