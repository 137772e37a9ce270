import DevCenter
import Foundation
import LuaKit

/// Named connection profiles from hwsubmit's configuration file,
/// `$XDG_CONFIG_HOME/hwsubmit/config.lua` (`~/.config/hwsubmit/config.lua` by default): a Lua
/// file that returns a table.
///
/// ```lua
/// return {
///   default = "contoso",                            -- used when no profile is named
///   profiles = {
///     contoso = {
///       tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47",
///       client_id = "5f1b1d1e-8c2a-4a8e-9a53-0c6f0c3b6d21",
///       client_secret_env = "CONTOSO_HDC_SECRET",   -- or client_secret_file = "~/.config/hwsubmit/contoso.secret"
///     },
///     fabrikam = {
///       tenant_id = os.getenv("FABRIKAM_TENANT"),
///       client_id = "0b7a…",
///       client_secret_file = "~/.config/hwsubmit/fabrikam.secret",
///       base_url = "https://manage.devcenter.microsoft.com/v2.0/my/hardware",
///       token_endpoint = "v2",
///     },
///   },
/// }
/// ```
///
/// Other ways of signing in: `certificate_path` (PEM or PKCS#12, with `certificate_passphrase_env`
/// or `certificate_passphrase_file`, `certificate_algorithm`, `send_certificate_chain = true`),
/// `federated_token_file` or `federated_token_command`, `credential = "github_actions"` (with
/// `federated_audience`), `credential = "managed_identity"` (with `managed_identity_client_id`
/// for a user-assigned identity), and `pool = {"profile-a", "profile-b"}`, other profiles whose
/// credentials are used in turn.
///
/// The file runs in a fresh Lua state with no library but `os.getenv`, a memory limit and an
/// instruction budget. A profile never holds a secret: `client_secret`, `access_token` and
/// `certificate_passphrase` are refused; `…_env` fields name an environment variable and
/// `…_file` fields a file that holds it.
public struct LuaProfileSource: ProfileSource {
    private let givenPath: String?
    private let givenEnvironment: [String: String]?

    /// Profile fields and what they set.
    static let fields: Set<String> = [
        "tenant_id", "client_id", "client_secret_env", "client_secret_file", "access_token_env", "access_token_file",
        "base_url", "authority", "token_endpoint", "credential", "certificate_path", "certificate_passphrase_env",
        "certificate_passphrase_file", "certificate_algorithm", "send_certificate_chain", "federated_token_file",
        "federated_token_command", "federated_audience", "managed_identity_client_id", "pool", "request_timeout",
    ]

    /// The file at `path` (nil: the standard file, found when first needed), with `os.getenv`
    /// and secret variables read from `environment` (nil: the process's, read when needed).
    public init(path: String? = nil, environment: [String: String]? = nil) {
        givenPath = path
        givenEnvironment = environment
    }

    /// The standard file: nothing is read until a profile is needed.
    public static func standard() -> LuaProfileSource { LuaProfileSource() }

    private var environment: [String: String] { givenEnvironment ?? SecretEnvironment.variables }

    /// The file's path.
    public var path: String { givenPath ?? Self.standardPath(environment: environment) }
    public var location: String { path }

    /// The standard file's path for `environment`.
    public static func standardPath(environment: [String: String]) -> String {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/hwsubmit/config.lua" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/hwsubmit/config.lua"
    }

    public func profile(named name: String?) throws -> Profile? {
        let path = self.path
        guard FileManager.default.fileExists(atPath: path) else {
            guard let name else { return nil }
            throw DevCenterError.configuration(
                "The profile \"\(name)\" was asked for, but there is no profile file \(path)",
                advice: "Create it (the README's \"Credentials and profiles\" shows its format), or do not name a profile.")
        }
        let file = try read(path)
        guard let wanted = name ?? file.defaultName else { return nil }
        return file.profiles.first { $0.name == wanted }
    }

    /// The environment variables the profiles name as holding a secret (`client_secret_env`,
    /// `access_token_env`).
    public func secretVariables() throws -> Set<String> {
        let path = self.path
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var names: Set<String> = []
        for profile in try read(path).profiles {
            for case .environment(let name) in [profile.clientSecret, profile.accessToken, profile.certificate?.passphrase] {
                names.insert(name)
            }
        }
        return names
    }

    public func profileNames() throws -> [String] {
        let path = self.path
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try read(path).profiles.map(\.name).sorted()
    }

    // MARK: Reading the file

    private struct File {
        var defaultName: String?
        var profiles: [Profile]
    }

    private func problem(_ what: String, advice: String = "Correct the file; the README's \"Credentials and profiles\" shows its format.") -> DevCenterError {
        DevCenterError.configuration("\(path): \(what)", advice: advice)
    }

    private func read(_ path: String) throws -> File {
        let state: LuaState
        do {
            state = try LuaState(openLibraries: false)
        } catch {
            throw problem("cannot be read: \(error.message)")
        }
        defer { state.close() }
        state.memoryLimit = 16 << 20
        state.setInstructionBudget(10_000_000, message: "the file runs too long")
        let stack = state.stack
        let environment = self.environment
        stack.newTable(fieldCapacity: 1)
        stack.push(function: { call in
            let name = try call.string(1)
            if let value = environment[name] { call.stack.push(value) } else { call.stack.pushNil() }
            return .values(1)
        })
        stack.rawSet(at: -2, "getenv")
        stack.setGlobal("os")
        do {
            try stack.loadFile(path)
            try stack.call(arguments: 0, results: 1)
        } catch {
            if let value = error.value { stack.release(value) }
            throw problem(error.kind == .file ? "cannot be read: \(error.message)" : "fails: \(error.message)")
        }
        guard stack.type(at: -1) == .table else {
            throw problem("returns \(stack.typeName(at: -1)), not a table of profiles", advice: "End the file with `return { default = …, profiles = { name = {…} } }`.")
        }
        var file = File(defaultName: nil, profiles: [])
        switch stack.rawGet(at: 1, "default") {
        case .string: file.defaultName = stack.string(at: -1)
        case .nil: break
        default: throw problem("`default` must be a profile's name (a string)")
        }
        stack.pop()
        let profilesType = stack.rawGet(at: 1, "profiles")
        guard profilesType == .table || profilesType == .nil else { throw problem("`profiles` must be a table") }
        if profilesType == .table {
            var failure: DevCenterError?
            stack.forEachPair(at: -1) {
                guard failure == nil else { return }
                guard stack.type(at: -2) == .string, let name = stack.string(at: -2), stack.type(at: -1) == .table else {
                    failure = problem("each entry of `profiles` must be `name = { … }`")
                    return
                }
                do {
                    file.profiles.append(try profile(name, at: stack.absolute(-1), on: stack))
                } catch let error as DevCenterError {
                    failure = error
                } catch {
                    failure = problem("profile \"\(name)\": \(error)")
                }
            }
            if let failure { throw failure }
        }
        if let wanted = file.defaultName, !file.profiles.contains(where: { $0.name == wanted }) {
            throw problem("`default` names the profile \"\(wanted)\", which the file does not have")
        }
        return file
    }

    private func profile(_ name: String, at index: Int32, on stack: LuaStack) throws -> Profile {
        var text: [String: String] = [:]
        var pool: [String]?
        var failure: DevCenterError?
        stack.forEachPair(at: index) {
            guard failure == nil else { return }
            let key = stack.type(at: -2) == .string ? stack.string(at: -2) ?? "" : stack.describe(at: -2)
            if key == "client_secret" || key == "access_token" || key == "certificate_passphrase" {
                failure = problem(
                    "profile \"\(name)\" holds `\(key)` itself; a profile never holds a secret",
                    advice: "Remove it, put the secret in an environment variable or a file readable only by you, and name it with `\(key)_env` or `\(key)_file`.")
                return
            }
            guard Self.fields.contains(key) else {
                failure = problem(
                    "profile \"\(name)\" has an unknown field `\(key)`",
                    advice: "Profile fields are: \(Self.fields.sorted().joined(separator: ", ")).")
                return
            }
            if key == "send_certificate_chain" {
                guard stack.type(at: -1) == .boolean else {
                    failure = problem("profile \"\(name)\": `\(key)` must be true or false, not \(stack.typeName(at: -1))")
                    return
                }
                text[key] = stack.bool(at: -1) ? "true" : "false"
                return
            }
            if key == "pool" {
                guard let names = poolNames(at: stack.absolute(-1), on: stack) else {
                    failure = problem("profile \"\(name)\": `pool` must be a list of profile names, like { \"contoso-a\", \"contoso-b\" }")
                    return
                }
                pool = names
                return
            }
            guard stack.type(at: -1) == .string, let value = stack.string(at: -1) else {
                failure = problem("profile \"\(name)\": `\(key)` must be a string, not \(stack.typeName(at: -1))")
                return
            }
            text[key] = value
        }
        if let failure { throw failure }
        var profile = Profile(
            name: name, tenantID: text["tenant_id"], clientID: text["client_id"], baseURL: text["base_url"],
            authorityHost: text["authority"])
        if let variable = text["client_secret_env"] { profile.clientSecret = .environment(variable) }
        if let file = text["client_secret_file"] { profile.clientSecret = .file(file) }
        if let variable = text["access_token_env"] { profile.accessToken = .environment(variable) }
        if let file = text["access_token_file"] { profile.accessToken = .file(file) }
        profile.pool = pool
        try readCredentialFields(text, into: &profile)
        if let version = text["token_endpoint"] {
            guard let endpoint = TokenEndpointVersion(rawValue: version) else {
                throw problem("profile \"\(name)\": `token_endpoint` must be \"v1\" or \"v2\"")
            }
            profile.tokenEndpoint = endpoint
        }
        if let timeout = text["request_timeout"] {
            guard let duration = DurationText.parse(timeout), duration > .zero else {
                throw problem("profile \"\(name)\": `request_timeout` is \"\(timeout)\", not a duration; write \(DurationText.forms)")
            }
            profile.requestTimeout = max(duration, .milliseconds(10))
        }
        return profile
    }

    /// The fields of the ways of signing in other than a secret or a token.
    private func readCredentialFields(_ text: [String: String], into profile: inout Profile) throws {
        let name = profile.name
        if let kind = text["credential"] {
            guard let known = CredentialKind(rawValue: kind) else {
                throw problem("profile \"\(name)\": `credential` must be one of \(CredentialKind.names)")
            }
            profile.credential = known
        }
        if let path = text["certificate_path"] {
            var certificate = CertificateSettings(path: path, sendChain: text["send_certificate_chain"] == "true")
            if let variable = text["certificate_passphrase_env"] { certificate.passphrase = .environment(variable) }
            if let file = text["certificate_passphrase_file"] { certificate.passphrase = .file(file) }
            if let algorithm = text["certificate_algorithm"] {
                guard let known = ClientCertificate.SigningAlgorithm(rawValue: algorithm.uppercased()) else {
                    throw problem("profile \"\(name)\": `certificate_algorithm` must be \"RS256\" or \"PS256\"")
                }
                certificate.algorithm = known
            }
            profile.certificate = certificate
        } else if let field = ["certificate_passphrase_env", "certificate_passphrase_file", "certificate_algorithm", "send_certificate_chain"].first(where: { text[$0] != nil }) {
            throw problem("profile \"\(name)\" has `\(field)` but no `certificate_path`", advice: "Add certificate_path (a PEM or PKCS#12 file), or remove \(field).")
        }
        profile.federatedTokenFile = text["federated_token_file"]
        profile.federatedTokenCommand = text["federated_token_command"]
        profile.federatedAudience = text["federated_audience"]
        profile.managedIdentityClientID = text["managed_identity_client_id"]
    }

    /// The strings of a Lua sequence, or nil when it is not a non-empty list of strings.
    private func poolNames(at index: Int32, on stack: LuaStack) -> [String]? {
        guard stack.type(at: index) == .table else { return nil }
        var names: [String] = []
        var ok = true
        stack.forEachPair(at: index) {
            guard ok, stack.type(at: -1) == .string, let value = stack.string(at: -1) else { ok = false; return }
            names.append(value)
        }
        return ok && !names.isEmpty ? names : nil
    }
}
