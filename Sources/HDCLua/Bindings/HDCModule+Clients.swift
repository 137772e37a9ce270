import DevCenter
import Foundation
import LuaKit

extension HDCModule {
    static var clientBindings: [HDCBinding] { [connect, whoami] }

    private static var connect: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "connect",
            summary: "Makes another client (another account, profile or service URL); it has every service function of `hdc` as a method.",
            parameters: [LuaParameterDoc(
                "settings", "table",
                "`profile` (a profile of config.lua), or the settings themselves: `base_url`, `tenant_id`, `client_id`, `authority`, `token_endpoint` (\"v1\" or \"v2\"), `credential` (\"auto\", \"client_secret\", \"certificate\", \"federated_token\", \"github_actions\", \"managed_identity\", \"access_token\"), and where the proof is: `client_secret_env` (an environment variable's name), `client_secret_file` (a file's path), `access_token_env`; `certificate_path` (PEM or PKCS#12) with `certificate_passphrase_env`, `certificate_algorithm` (\"RS256\" or \"PS256\") and `send_certificate_chain`; `federated_token_file` or `federated_token_command` (and `federated_audience` for GitHub Actions); `managed_identity_client_id`; or `pool`, a list of profile names used in turn. Unset ones come from the environment (`HDC_*`), except with `profile`. With none of these, the new client uses the default client's service and account. How it behaves: `max_attempts` (tries per request, default 6), `deadline` (seconds per operation, retries included, default 300), `request_timeout` (per attempt, seconds or a duration such as \"30s\"; default the run's: a script's `hdc.set_request_timeout`, `--request-timeout`, `HDC_REQUEST_TIMEOUT`, the profile's `request_timeout`, else 60 s), `requests_per_minute` (a client-side rate limit)")],
            returns: [LuaReturnDoc("hdc.Client", "call the service through it: `client:products()`, `client:create_product{…}`")],
            example: """
                local fabrikam = hdc.connect{profile = "fabrikam"}
                for product in fabrikam:products() do print(product.productName) end
                print(fabrikam:whoami().tenant_id)
                local impatient = hdc.connect{max_attempts = 1}    -- the default account, no retries
                """,
            access: .local,
            notes: "A secret is never given to Lua: `client_secret`, `access_token` or `certificate_passphrase` in the table are refused; name the variable or file that holds it. Settings are checked now (a missing profile or secret, an unreadable key or a wrong passphrase raises kind `configuration`); the service is first contacted by the first call. In a sandbox, only `profile` and the behaviour options are taken, and the profile must be the current one or one granted with `--allow-profile` (`profile = {…}` in a `sandbox.run` policy).")
        ) { b in
            guard let table = try b.options(1) else { throw b.call.typeError(b.index(1), expected: "table") }
            for secret in ["client_secret", "access_token", "certificate_passphrase"] where table.isPresent(secret) {
                throw LuaArgumentError(
                    argument: b.index(1),
                    message: "field '\(secret)': secrets are not given to scripts; name where it is with '\(secret)_env' (an environment variable)\(secret == "client_secret" ? " or 'client_secret_file'" : "")")
            }
            let connectionKeys = Set(["profile"] + SandboxGate.connectionFields)
            try table.refuseUnknown(connectionKeys.union(["max_attempts", "deadline", "request_timeout", "requests_per_minute"]))
            let behaviour = try clientBehaviour(table, defaults: try b.runtime.environmentBehaviour())
            if !connectionKeys.contains(where: table.isPresent) {
                // Only behaviour changes: the default client's service and account.
                let runtime = b.runtime
                let explicitTimeout = try runtime.explicitRequestTimeout()
                let client = try runtime.makeClient(
                    options: runtime.configuration.connection, environment: runtime.environment,
                    isEmulator: runtime.configuration.emulator != nil, explicitSource: "hdc.connect", behaviour: behaviour,
                    profileTimeout: !table.isPresent("request_timeout") && explicitTimeout == nil)
                runtime.push(client: client, on: b.stack)
                return .values(1)
            }
            var environment = b.runtime.environment
            var options = ConnectionOptions()
            options.profile = try table.string("profile")
            if let profile = options.profile, let context = b.stack.state.sandboxContext(for: b.stack) {
                try context.check(profile: profile, current: b.runtime.currentProfileName, for: "hdc.connect")
            }
            options.baseURL = try table.string("base_url")
            options.tenantID = try table.string("tenant_id")
            options.clientID = try table.string("client_id")
            options.authorityHost = try table.string("authority")
            if let version = try table.string("token_endpoint") {
                guard let endpoint = TokenEndpointVersion(rawValue: version) else {
                    throw LuaArgumentError(argument: b.index(1), message: "field 'token_endpoint': \"v1\" or \"v2\" expected")
                }
                options.tokenEndpoint = endpoint
            }
            if let name = try table.string("client_secret_env") {
                options.clientSecret = try secret(fromVariable: name, environment)
                SecretEnvironment.take(name)
            }
            if let path = try table.string("client_secret_file") { options.clientSecret = try secret(fromFile: path, environment) }
            if let name = try table.string("access_token_env") {
                options.accessToken = try secret(fromVariable: name, environment)
                SecretEnvironment.take(name)
            }
            try readCredentialOptions(table, into: &options, environment, argument: b.index(1))
            if options.profile != nil {
                // A profile asked for by name is used as written, whatever HDC_* and AZURE_* say.
                environment = environment.filter { !$0.key.hasPrefix("HDC_") && !$0.key.hasPrefix("AZURE_") }
            }
            // A named profile's request_timeout counts, as its other settings do, over HDC_*.
            let runTimeout = options.profile != nil ? b.runtime.configuration.requestTimeout : try b.runtime.explicitRequestTimeout()
            let client = try b.runtime.makeClient(
                options: options, environment: environment, isEmulator: false, explicitSource: "hdc.connect", behaviour: behaviour,
                profileTimeout: !table.isPresent("request_timeout") && runTimeout == nil)
            b.runtime.push(client: client, on: b.stack)
            return .values(1)
        }
    }

    /// The credential fields of a `connect` table other than the client secret and access token.
    private static func readCredentialOptions(
        _ table: OptionsTable, into options: inout ConnectionOptions, _ environment: [String: String], argument: Int32
    ) throws {
        if let kind = try table.string("credential") {
            guard let known = CredentialKind(rawValue: kind) else {
                throw LuaArgumentError(argument: argument, message: "field 'credential': one of \(CredentialKind.names) expected")
            }
            options.credential = known
        }
        options.certificatePath = try table.string("certificate_path")
        if let name = try table.string("certificate_passphrase_env") {
            options.certificatePassphrase = try secret(fromVariable: name, environment)
            SecretEnvironment.take(name)
        }
        if let algorithm = try table.string("certificate_algorithm") {
            guard let known = ClientCertificate.SigningAlgorithm(rawValue: algorithm.uppercased()) else {
                throw LuaArgumentError(argument: argument, message: "field 'certificate_algorithm': \"RS256\" or \"PS256\" expected")
            }
            options.certificateAlgorithm = known
        }
        options.sendCertificateChain = try table.boolean("send_certificate_chain")
        options.federatedTokenFile = try table.string("federated_token_file")
        options.federatedTokenCommand = try table.string("federated_token_command")
        options.federatedAudience = try table.string("federated_audience")
        options.managedIdentityClientID = try table.string("managed_identity_client_id")
        options.pool = try table.strings("pool")
    }

    /// Retries, deadlines and rate limit from a `connect` table.
    private static func clientBehaviour(
        _ table: OptionsTable, defaults: DevCenterConfiguration
    ) throws(LuaArgumentError) -> DevCenterConfiguration {
        var behaviour = defaults
        if let attempts = try table.integer("max_attempts") {
            guard attempts >= 1 else { throw LuaArgumentError(argument: table.index, message: "field 'max_attempts': 1 or more expected") }
            behaviour.retryPolicy.maximumAttempts = Int(min(attempts, 100))
        }
        if let deadline = try table.seconds("deadline") { behaviour.retryPolicy.deadline = deadline }
        if let timeout = try table.seconds("request_timeout") { behaviour.requestTimeout = max(timeout, .milliseconds(10)) }
        if let limit = try table.integer("requests_per_minute") {
            guard limit >= 1 else { throw LuaArgumentError(argument: table.index, message: "field 'requests_per_minute': 1 or more expected") }
            behaviour.requestsPerMinute = Int(limit)
        }
        return behaviour
    }

    private static func secret(fromVariable name: String, _ environment: [String: String]) throws(HDCError) -> Secret {
        guard let value = environment[name], !value.isEmpty else {
            throw HDCError(
                kind: .configuration, message: "hdc.connect: the environment variable \(name) is not set",
                advice: "Set \(name) to the secret before running the script, or name another variable.")
        }
        return Secret(value)
    }

    private static func secret(fromFile path: String, _ environment: [String: String]) throws(HDCError) -> Secret {
        let expanded = path.hasPrefix("~/") ? (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst() : path
        guard let data = FileManager.default.contents(atPath: expanded),
            let value = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else {
            throw HDCError(
                kind: .configuration, message: "hdc.connect: the secret file \(expanded) cannot be read or is empty",
                advice: "Put the secret on the file's first line (readable only by you), or name another file.")
        }
        return Secret(value)
    }

    private static var whoami: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "whoami",
            summary: "Tells which account and service the client uses and where each setting came from; never a secret.",
            parameters: [],
            returns: [LuaReturnDoc("hdc.Whoami", "`profile`, `tenant_id`, `client_id`, `base_url`, `authority`, `credentials` (which way it signs in: \"client secret\", \"certificate\", \"federated token (GitHub Actions)\", \"managed identity\", \"access token\", \"pool of N\"), `certificate_thumbprint`, `federated_token_source`, `managed_identity`, `token_endpoint`, `emulator`, `pool` (the members of a pool), and `sources` (setting name → where it came from)")],
            example: """
                local me = hdc.whoami()
                print(me.profile, me.tenant_id, me.base_url, me.sources.tenant_id)
                """,
            access: .local,
            notes: "Needs no network. Raises kind `configuration` when no credentials are configured, as the first service call would.",
            isClientMethod: true)
        ) { b in
            let client = try b.client()
            push(whoami: client, on: b.stack)
            return .values(1)
        }
    }

    /// The `whoami` table of a client.
    static func push(whoami client: ScriptClient, on stack: LuaStack) {
        let summary = ConnectionSummary(client.settings, explicitSource: client.explicitSource)
        stack.newTable(fieldCapacity: 10)
        for (key, value) in summary.fields {
            stack.push(value)
            stack.rawSet(at: -2, key)
        }
        stack.push(client.isEmulator)
        stack.rawSet(at: -2, "emulator")
        stack.newTable(fieldCapacity: summary.sources.count)
        for (key, origin) in summary.sources {
            stack.push(origin)
            stack.rawSet(at: -2, key)
        }
        stack.rawSet(at: -2, "sources")
        if !summary.pool.isEmpty {
            stack.newTable(fieldCapacity: 0)
            for (i, member) in summary.pool.enumerated() {
                stack.push(member)
                stack.rawSet(at: -2, index: Int64(i + 1))
            }
            stack.rawSet(at: -2, "pool")
        }
    }
}
