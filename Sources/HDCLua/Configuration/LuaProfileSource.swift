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
/// The file runs in a fresh Lua state with no library but `os.getenv`, a memory limit and an
/// instruction budget. A profile never holds a secret: `client_secret` and `access_token` are
/// refused; `client_secret_env`/`access_token_env` name an environment variable and
/// `client_secret_file`/`access_token_file` a file that holds it.
public struct LuaProfileSource: ProfileSource {
    private let givenPath: String?
    private let givenEnvironment: [String: String]?

    /// Profile fields and what they set.
    static let fields: Set<String> = [
        "tenant_id", "client_id", "client_secret_env", "client_secret_file", "access_token_env", "access_token_file",
        "base_url", "authority", "token_endpoint", "request_timeout",
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
            for case .environment(let name) in [profile.clientSecret, profile.accessToken] { names.insert(name) }
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
        var failure: DevCenterError?
        stack.forEachPair(at: index) {
            guard failure == nil else { return }
            let key = stack.type(at: -2) == .string ? stack.string(at: -2) ?? "" : stack.describe(at: -2)
            if key == "client_secret" || key == "access_token" {
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
}
