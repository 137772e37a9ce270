import DevCenter
import HDCLua
import LuaKit

/// What the command line says about the sandbox: `--sandbox` and the permissions and limits
/// that go with it. Part of ``Invocation``; the options are in
/// ``InterpreterOption/sandboxOptions``. Values are checked when the run starts
/// (``policy(scriptDirectory:)``).
struct SandboxInvocation: Equatable {
    var enabled = false
    /// `--allow-env NAME[,NAME…]` (repeatable).
    var environmentVariables: [String] = []
    /// `--allow-read DIR` (repeatable).
    var readRoots: [String] = []
    /// `--allow-write DIR` (repeatable).
    var writeRoots: [String] = []
    /// `--allow-submit`.
    var allowSubmit = false
    /// `--allow-profile NAME` (repeatable).
    var profiles: [String] = []
    /// `--max-memory SIZE`, as typed.
    var maxMemory: String?
    /// `--max-instructions N`, as typed.
    var maxInstructions: String?
    /// `--timeout DURATION`, as typed.
    var timeout: String?
    /// The first sandbox option given, for the error when `--sandbox` is missing.
    var firstOption: String?

    /// The policy of the run; a usage error for a bad value or for options without `--sandbox`.
    func policy() throws(UsageError) -> LuaSandboxPolicy? {
        guard enabled else {
            if let firstOption { throw UsageError(message: "'\(firstOption)' applies only with --sandbox") }
            return nil
        }
        var policy = LuaSandboxPolicy(origin: .commandLine)
        if let refusal = environmentVariables.lazy.compactMap(SecretVariables.refusal).first {
            throw UsageError(message: "'--allow-env': \(refusal)")
        }
        policy.environmentVariables = Set(environmentVariables)
        policy.readRoots = readRoots
        policy.writeRoots = writeRoots
        if allowSubmit { policy.capabilities.insert("submit") }
        policy.profiles = Set(profiles)
        if let maxMemory {
            guard let bytes = LuaSandboxPolicy.parseSize(maxMemory) else {
                throw UsageError(message: "'--max-memory' needs a size such as 256M, 1G or a number of bytes, not '\(maxMemory)'")
            }
            policy.memoryLimit = bytes
        }
        policy.instructionLimit = LuaSandboxPolicy.defaultInstructionLimit
        if let maxInstructions {
            guard let count = Double(maxInstructions), count >= 1, count < 9e18 else {
                throw UsageError(message: "'--max-instructions' needs a positive number, not '\(maxInstructions)'")
            }
            policy.instructionLimit = Int64(count)
        }
        if let timeout {
            guard let seconds = DurationText.seconds(timeout) else { throw UsageError(message: DurationText.problem("--timeout", timeout)) }
            guard seconds > 0 else { throw UsageError(message: "'--timeout' needs a duration more than 0, not '\(timeout)'") }
            policy.timeLimit = seconds
        }
        return policy
    }
}

extension InterpreterOption {
    /// `--sandbox` and its permissions and limits (after the `hdc` options in `--help`).
    static var sandboxOptions: [InterpreterOption] {
        func option(
            _ long: String, _ argument: String?, _ summary: String, _ apply: @escaping (inout SandboxInvocation, String?) -> Void
        ) -> InterpreterOption {
            InterpreterOption(long: long, argument: argument, summary: summary) { invocation, value in
                if long != "--sandbox", invocation.sandbox.firstOption == nil { invocation.sandbox.firstOption = long }
                apply(&invocation.sandbox, value)
            }
        }
        return [
            option("--sandbox", nil, "run the script in a sandbox (docs/sandbox.md): only what is granted below") { sandbox, _ in
                sandbox.enabled = true
            },
            option("--allow-env", "NAME", "sandbox: let os.getenv read NAME (repeatable, or NAME,NAME)") { sandbox, value in
                sandbox.environmentVariables += (value ?? "").split(separator: ",").map(String.init)
            },
            option("--allow-read", "DIR", "sandbox: let the script read files below DIR (repeatable)") { sandbox, value in
                sandbox.readRoots.append(value ?? "")
            },
            option("--allow-write", "DIR", "sandbox: let the script write (and read) files below DIR (repeatable)") { sandbox, value in
                sandbox.writeRoots.append(value ?? "")
            },
            option("--allow-submit", nil, "sandbox: allow hdc's write operations (create, update, commit, upload, cancel)") { sandbox, _ in
                sandbox.allowSubmit = true
            },
            option("--allow-profile", "NAME", "sandbox: let hdc.connect use the profile NAME of config.lua (repeatable)") { sandbox, value in
                sandbox.profiles.append(value ?? "")
            },
            option("--max-memory", "SIZE", "sandbox: memory limit (default 256M)") { sandbox, value in
                sandbox.maxMemory = value
            },
            option("--max-instructions", "N", "sandbox: Lua instructions per chunk (default 1e9)") { sandbox, value in
                sandbox.maxInstructions = value
            },
            option("--timeout", "DURATION", "sandbox: wall-clock limit per chunk (90, 2s, 5m; default none)") { sandbox, value in
                sandbox.timeout = value
            },
        ]
    }
}
