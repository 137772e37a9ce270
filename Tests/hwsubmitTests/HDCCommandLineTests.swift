import Foundation
import Testing

/// The `hdc` side of the interpreter as a person meets it: exit statuses by failure, Ctrl-C,
/// the emulator's lifetime, secrets in the environment, `hwsubmit doc` and `hwsubmit check`
/// (secrets in output: `SecretOutputTests`).
@Suite struct HDCCommandLineTests {
    static let product = "hdc.create_product{productName = 'Exit Widget', requestedSignatures = {'WINDOWS_v100_X64_RS5_FULL'}}"

    @Test(arguments: [
        ("error('plain')", Int32(1), "hwsubmit: (command line):1: plain"),
        ("hdc.product(1)", 4, "hwsubmit: GET /products/1 failed with HTTP 404 Not Found"),
        ("local p = \(product) hdc.create_submission(p, {name = 'a'}) hdc.create_submission(p, {name = 'b'})", 5,
         "Initial submission already exists"),
        ("hdc.emulator.rate_limit(1) local c = hdc.connect{max_attempts = 1} c:audiences() c:audiences()", 6, "429"),
        ("local s = hdc.create_submission(\(product), {name = 'a'}) hdc.commit(s) hdc.wait(s, {interval = 0.02})", 7,
         "failed at step packageInfoValidation"),
        ("hdc.emulator.fault{route = 'GET /audiences', status = 503} hdc.connect{max_attempts = 1}:audiences()", 8, "503"),
        ("hdc.wait(hdc.create_submission(\(product), {name = 'a'}), {timeout = 0.1, interval = 0.02})", 9, "was never committed"),
        ("hdc.emulator.fault{route = 'GET /audiences', status = 403} hdc.audiences()", 3, "Driver submitter"),
        ("local s = hdc.create_submission(\(product), {name = 'a'}) hdc.emulator.expire_sas(0) hdc.upload(s.downloads.items[1].url, '/etc/hostname')",
         3, "expired"),
        ("hdc.upload(hdc.create_submission(\(product), {name = 'a'}), '/nonexistent/contoso-widget.zip')", 8,
         "/nonexistent/contoso-widget.zip"),
    ])
    func exitStatusSaysWhatFailed(code: String, status: Int32, message: String) throws {
        let result = try ScriptProcess.run(["--quiet", "--emulator", "-e", code])
        #expect(result.status == status, "\(code)\n\(result.stderr)")
        #expect(result.stderr.hasPrefix("hwsubmit: "))
        #expect(result.stderr.contains(message))
        #expect(result.stderr.contains("stack traceback:\n"), "the script's traceback follows the message")
        #expect(!result.stderr.contains(".swift:"), "no Swift frames")
    }

    /// The list iterators read every page whatever form of next link the service writes.
    @Test(arguments: ["absolute", "relative", "path", "@nextLink"])
    func listsPageInEveryFormOfNextLink(form: String) throws {
        let code = """
            local made = {}
            for i = 1, 5 do made[i] = hdc.create_product{productName = 'Paged ' .. i, requestedSignatures = {'WINDOWS_v100_X64_RS5_FULL'}}.id end
            local listed = {}
            for p in hdc.products() do listed[#listed + 1] = p.id end
            assert(#listed == 5, #listed .. ' products listed')
            for i = 1, 5 do assert(listed[i] == made[i], 'product ' .. i) end
            print(#hdc.emulator.requests(), 'ok')
            """
        let result = try ScriptProcess.run(
            ["--quiet", "--emulator", "--emulator-option=--page-size=2", "--emulator-option=--next-link-form=\(form)", "-e", code])
        #expect(result.status == 0, "\(form): \(result.stderr)")
        #expect(result.stdout.hasSuffix("ok\n"), "\(form): \(result.stdout)")
    }

    @Test func noCredentialsIsAnAuthenticationFailureThatSaysWhatToSet() throws {
        let config = try TemporaryDirectory()
        let result = try ScriptProcess.run(
            ["-e", "hdc.products()"], environment: ["XDG_CONFIG_HOME": config.url.path],
            removing: ["HDC_TENANT_ID", "HDC_CLIENT_ID", "HDC_CLIENT_SECRET", "HDC_ACCESS_TOKEN", "HDC_PROFILE", "HDC_BASE_URL"])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("hwsubmit: No credentials for Hardware Dev Center were found. Set HDC_TENANT_ID"))
    }

    @Test func badLoggingOptionsAreUsageErrors() throws {
        let level = try ScriptProcess.run(["--log-level", "loud", "-e", ""])
        #expect(level.status == 2)
        #expect(level.stderr.hasPrefix("hwsubmit: unknown log level 'loud' (use one of trace, debug, info, notice, warning, error, critical)"))
        let format = try ScriptProcess.run(["--log-format=xml", "-e", ""])
        #expect(format.status == 2)
        #expect(format.stderr.contains("unknown log format 'xml'"))
    }

    @Test func helpListsTheServiceOptions() throws {
        let result = try ScriptProcess.run(["--help"])
        for option in ["--emulator", "--emulator-option OPT", "--profile NAME", "--base-url URL", "--log-level LEVEL", "--log-format FORMAT", "--quiet", "check", "doc"] {
            #expect(result.stdout.contains(option), "--help mentions \(option)")
        }
    }

    @Test func logLinesGoToStderrAsTextOrJSON() throws {
        let code = "local s = hdc.create_submission(\(Self.product), {name = 'a'}) hdc.commit(s) pcall(hdc.wait, s, {interval = 0.02})"
        let text = try ScriptProcess.run(["--emulator", "-e", code])
        #expect(text.status == 0)
        #expect(text.stderr.contains("[info] submission "))
        let json = try ScriptProcess.run(["--emulator", "--log-format", "json", "--log-level", "debug", "-e", code])
        let lines = json.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["message"] != nil, "a JSON log line: \(line)")
        }
        #expect(json.stderr.contains("\"level\":\"debug\""))
        #expect(!json.stderr.contains("eyJ") && !json.stderr.contains("hwsubmit-demo-secret"), "no token or secret in the log")
        let quiet = try ScriptProcess.run(["--emulator", "--quiet", "-e", code])
        #expect(quiet.stderr == "")
    }

    /// The poll interval of the wait Ctrl-C interrupts: far longer than handling Ctrl-C takes.
    static let pollInterval = 60.0

    @Test func ctrlCDuringAWaitEndsWith130AndStopsTheEmulator() throws {
        let code = """
            local s = hdc.create_submission(\(Self.product), {name = 'long'})
            print(hdc.emulator.admin_url) print('waiting') io.stdout:flush()
            hdc.wait(s, {interval = \(Self.pollInterval), max_interval = \(Self.pollInterval)})
            """
        let result = try ScriptProcess.run(["--quiet", "--emulator", "-e", code], interruptWhen: "waiting\n", timeout: 120)
        #expect(result.status == 130)
        #expect(!result.signalled)
        // Ctrl-C ends the wait at once, not at its next poll: the bound is the poll interval
        // the scenario chose, not a guess at how fast a machine is.
        #expect((result.afterInterrupt ?? .infinity) < Self.pollInterval)
        #expect(result.stderr.hasPrefix("hwsubmit: interrupted (Ctrl-C)."))
        #expect(result.stderr.contains("[C]: in function 'hdc.wait'"))
        #expect(!result.stderr.contains(".swift") && !result.stderr.contains("Fatal error") && !result.stderr.contains("backtrace"),
                "no Swift stack trace:\n\(result.stderr)")
        let adminURL = String(result.stdout.split(separator: "\n").first ?? "")
        #expect(adminURL.hasPrefix("http://127.0.0.1:"))
        #expect(ScriptProcess.stopsListening(adminURL), "the emulator stopped with hwsubmit")
    }

    @Test func theEmulatorStopsHoweverTheScriptEnds() throws {
        for ending in ["os.exit(3)", "error('boom')", "os.exit(true, true)"] {
            let result = try ScriptProcess.run(["--quiet", "--emulator", "-e", "print(hdc.emulator.admin_url) io.stdout:flush() " + ending])
            let adminURL = String(result.stdout.split(separator: "\n").first ?? "")
            #expect(adminURL.hasPrefix("http://127.0.0.1:"), "\(ending): \(result.stderr)")
            #expect(ScriptProcess.stopsListening(adminURL), "the emulator outlived '\(ending)'")
        }
    }

    /// The client secret leaves the process's environment at start-up: neither a child process
    /// (io.popen, os.execute) nor /proc/self/environ shows it, and it still authenticates, from
    /// HDC_CLIENT_SECRET and from the variable a profile names, after the children ran.
    @Test func secretsLeaveTheEnvironmentAndStillAuthenticate() throws {
        let emulator = try StandaloneEmulator()
        let secret = try #require(emulator.environment["HDC_CLIENT_SECRET"])
        let work = try TemporaryDirectory()
        try work.write("config/hwsubmit/config.lua", """
            return { profiles = { team = {
              base_url = "\(emulator.baseURL)", authority = "\(emulator.environment["HDC_AUTHORITY_HOST"] ?? "")",
              tenant_id = "\(emulator.environment["HDC_TENANT_ID"] ?? "")", client_id = "\(emulator.environment["HDC_CLIENT_ID"] ?? "")",
              client_secret_env = "TEAM_HDC_SECRET",
            } } }
            """)
        let script = try work.write("env.lua", """
            local child = io.popen("env")
            print("[popen]\\n" .. child:read("a"))
            child:close()
            os.execute("echo '[os.execute]'; env")
            local environ = io.open("/proc/self/environ", "rb")
            print("[environ]\\n" .. environ:read("a"):gsub("%z", "\\n"))
            environ:close()
            print("getenv:", os.getenv("HDC_CLIENT_SECRET"), os.getenv("TEAM_HDC_SECRET"))
            print("default client products: " .. #hdc.collect(hdc.products()))
            local team = hdc.connect{profile = "team"}
            print("profile client products: " .. #hdc.collect(team:products()))
            """)
        var environment = emulator.environment
        environment["TEAM_HDC_SECRET"] = secret
        environment["XDG_CONFIG_HOME"] = work.url.appendingPathComponent("config").path
        let result = try ScriptProcess.run(
            ["--quiet", script.path], environment: environment, removing: ["HDC_ACCESS_TOKEN", "HDC_PROFILE"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[popen]\n") && result.stdout.contains("[os.execute]\n") && result.stdout.contains("[environ]\n"))
        #expect(result.stdout.contains("HDC_BASE_URL=\(emulator.baseURL)"), "the children saw the rest of the environment")
        #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "the secret escaped:\n\(result.stdout)")
        #expect(result.stdout.contains("getenv:\tnil\tnil\t"))
        #expect(result.stdout.contains("default client products: 0"))
        #expect(result.stdout.contains("profile client products: 0"))
    }

    @Test func docShowsTheRegistry() throws {
        let index = try ScriptProcess.run(["doc"])
        #expect(index.status == 0)
        #expect(index.stdout.contains("hdc.create_product"))
        #expect(index.stdout.contains("hdc.json.encode"))
        let one = try ScriptProcess.run(["doc", "hdc.parallel"])
        #expect(one.stdout.hasPrefix("hdc.parallel(items, fn [, options]) -> results, failures\n"))
        #expect(one.stdout.contains("Example:"))
        let method = try ScriptProcess.run(["doc", "task:wait"])
        #expect(method.stdout.hasPrefix("hdc.Task:wait()"))
        let missing = try ScriptProcess.run(["doc", "hdc.nothing"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("'hwsubmit doc' lists every name"))
        let markdown = try ScriptProcess.run(["doc", "--markdown"])
        #expect(markdown.stdout.hasPrefix("# Lua API reference"))
        // The annotation files in order: hdc's functions, the classes of its values, the stdlib.
        let annotations = try ScriptProcess.run(["doc", "--annotations"])
        #expect(annotations.status == 0, "\(annotations.stderr)")
        let marks = ["---@meta hdc\n", "\nfunction hdc.wait(", "\n---@meta\n", "\n---@class hdc.Submission\n",
                     "\nfunction Task:wait(", "\nfunction Client:products(", "\n---@meta stdlib\n"]
        let offsets = marks.map { annotations.stdout.range(of: $0)?.lowerBound }
        #expect(offsets.allSatisfy { $0 != nil }, "missing: \(zip(marks, offsets).filter { $0.1 == nil }.map(\.0))")
        #expect(offsets.compactMap { $0 } == offsets.compactMap { $0 }.sorted(), "out of order: \(marks)")
    }

    /// Every module a script can `require` from hwsubmit itself, found rather than listed (the
    /// interpreter's `package.preload` and the files of `stdlib/`), has its page in `hwsubmit
    /// doc`, so a new module without documentation fails here.
    @Test func everyModuleTheInterpreterProvidesIsDocumented() throws {
        let listed = try ScriptProcess.run(["-e", """
            local names = {}
            for name in pairs(package.preload) do names[#names + 1] = name end
            local stdlib = package.searchpath("workflow", package.path):match("^(.*)/workflow%.lua$")
            for file in io.popen("ls '" .. stdlib .. "'"):lines() do names[#names + 1] = file:match("^(.+)%.lua$") end
            table.sort(names)
            print(table.concat(names, " "))
            """])
        #expect(listed.status == 0, "\(listed.stderr)")
        let names = listed.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(names.contains("pretty") && names.contains("fs") && names.contains("workflow"), "\(names)")
        // Not documented here on purpose: `json` is the table `hdc.json` documents; the bench hook
        // is bench/run's; `sandbox` is documented in docs/sandbox.md.
        let elsewhere = ["json": "hdc.json", "hwsubmit.bench": nil, "sandbox": nil] as [String: String?]
        for name in names {
            guard let page = elsewhere[name] ?? name else { continue }
            let doc = try ScriptProcess.run(["doc", page])
            #expect(doc.status == 0, "hwsubmit doc \(page): \(doc.stderr)")
        }
        let format = try ScriptProcess.run(["doc", "pretty.format"])
        #expect(format.status == 0 && format.stdout.hasPrefix("pretty.format(value [, options]) -> text, cut"), "\(format.stdout)\(format.stderr)")
    }

    @Test func checkWalksThroughTheConnection() throws {
        let good = try ScriptProcess.run(["check", "--emulator", "--quiet"])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("Settings (the emulator --emulator started)"))
        #expect(good.stdout.contains("Token             ok"))
        #expect(good.stdout.contains("Products          ok, 0 on the first page"))
        #expect(!good.stdout.contains("hwsubmit-demo-secret"))
        let config = try TemporaryDirectory()
        let missing = try ScriptProcess.run(
            ["check"], environment: ["XDG_CONFIG_HOME": config.url.path],
            removing: ["HDC_TENANT_ID", "HDC_CLIENT_ID", "HDC_CLIENT_SECRET", "HDC_ACCESS_TOKEN", "HDC_PROFILE", "HDC_BASE_URL"])
        #expect(missing.status == 3)
        #expect(missing.stdout.contains("Settings          FAILED"))
        #expect(missing.stdout.contains("Set HDC_TENANT_ID, HDC_CLIENT_ID and one of HDC_CLIENT_SECRET, HDC_CERTIFICATE_PATH or HDC_FEDERATED_TOKEN_FILE"))
        let refused = try ScriptProcess.run(
            ["check", "--quiet"],
            environment: [
                "HDC_TENANT_ID": "t", "HDC_CLIENT_ID": "c", "HDC_CLIENT_SECRET": "a-secret-value", "HDC_AUTHORITY_HOST": "http://127.0.0.1:9",
                "XDG_CONFIG_HOME": config.url.path,
            ],
            removing: ["HDC_ACCESS_TOKEN", "HDC_PROFILE", "HDC_BASE_URL"])
        #expect(refused.status == 8, "an authority nobody answers at: \(refused.stdout)")
        #expect(refused.stdout.contains("Token             FAILED"))
        #expect(!refused.stdout.contains("a-secret-value"))
    }

    @Test func checkSaysWhenTheSecretAndTheClientIDComeFromDifferentSources() throws {
        let config = try TemporaryDirectory()
        try config.write("hwsubmit/config.lua", """
            return { profiles = {
              contoso = { tenant_id = "t", client_id = "client-from-profile", client_secret_env = "CONTOSO_SECRET",
                          authority = "http://127.0.0.1:9" },
            } }
            """)
        let mixed = try ScriptProcess.run(
            ["check", "--quiet", "--profile", "contoso"],
            environment: ["XDG_CONFIG_HOME": config.url.path, "CONTOSO_SECRET": "profile-secret", "HDC_CLIENT_SECRET": "env-secret"],
            removing: ["HDC_TENANT_ID", "HDC_CLIENT_ID", "HDC_ACCESS_TOKEN", "HDC_PROFILE", "HDC_BASE_URL", "HDC_AUTHORITY_HOST"])
        #expect(mixed.stdout.contains(
            #"  note            the client secret (environment variable HDC_CLIENT_SECRET) and the client ID (profile "contoso") come from different sources"#),
            "\(mixed.stdout)")
        #expect(!mixed.stdout.contains("env-secret") && !mixed.stdout.contains("profile-secret"))
    }

    @Test func profilesComeFromConfigLua() throws {
        let config = try TemporaryDirectory()
        try config.write("hwsubmit/config.lua", """
            return { default = "contoso", profiles = {
              contoso = { tenant_id = "tenant-from-profile", client_id = "client-from-profile", client_secret_env = "CONTOSO_SECRET" },
            } }
            """)
        let result = try ScriptProcess.run(
            ["-e", "local me = hdc.whoami() print(me.profile, me.tenant_id, me.sources.tenant_id, me.sources.client_secret)"],
            environment: ["XDG_CONFIG_HOME": config.url.path, "CONTOSO_SECRET": "secret-from-the-environment"],
            removing: ["HDC_TENANT_ID", "HDC_CLIENT_ID", "HDC_CLIENT_SECRET", "HDC_ACCESS_TOKEN", "HDC_PROFILE", "HDC_BASE_URL"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "contoso\ttenant-from-profile\tprofile \"contoso\"\tprofile \"contoso\"\n")
        let unknown = try ScriptProcess.run(
            ["--profile", "fabrikam", "-e", "hdc.whoami()"], environment: ["XDG_CONFIG_HOME": config.url.path],
            removing: ["HDC_TENANT_ID", "HDC_CLIENT_ID", "HDC_CLIENT_SECRET", "HDC_ACCESS_TOKEN", "HDC_PROFILE"])
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("There is no profile \"fabrikam\""))
        #expect(unknown.stderr.contains("Choose one of: contoso"))
    }
}
