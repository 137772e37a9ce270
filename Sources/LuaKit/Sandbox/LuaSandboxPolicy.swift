/// What code running in a sandbox may do: the permissions it was granted and the limits it
/// runs under. Everything not granted is refused.
///
/// The same policy serves `hwsubmit --sandbox` (built from the command line) and
/// `sandbox.run` / `sandbox.require` (built from a Lua table); ``origin`` tells error
/// messages which of the two spellings to suggest.
public struct LuaSandboxPolicy: Sendable, Equatable {
    /// Where a policy came from, so that a refusal names the grant in the words its user typed.
    public enum Origin: Sendable, Equatable {
        /// `hwsubmit --sandbox --allow-read DIR …`
        case commandLine
        /// `sandbox.run(code, {read = {DIR}, …})`
        case script
    }

    /// 256 MiB: the memory limit when none is given.
    public static let defaultMemoryLimit = 256 * 1024 * 1024

    public var origin: Origin
    /// Environment variables `os.getenv` may read; every other reads as nil.
    public var environmentVariables: Set<String> = []
    /// Directories (and everything below them) whose files may be read.
    public var readRoots: [String] = []
    /// Directories (and everything below them) whose files may be written; writing implies
    /// reading.
    public var writeRoots: [String] = []
    /// Directories `require` may load Lua modules from, besides ``readRoots`` (hwsubmit's
    /// stdlib, the script's own directory).
    public var moduleRoots: [String] = []
    /// Named capabilities beyond files and variables; hwsubmit knows `submit` (write
    /// operations of `hdc`).
    public var capabilities: Set<String> = []
    /// Named accounts the sandboxed code may connect to (hwsubmit's profiles of `config.lua`),
    /// besides the one the host runs with.
    public var profiles: Set<String> = []
    /// Bytes the sandboxed code may allocate (nil: no limit).
    public var memoryLimit: Int? = LuaSandboxPolicy.defaultMemoryLimit
    /// VM instructions the sandboxed code may run (nil: no limit).
    public var instructionLimit: Int64?
    /// Seconds of wall-clock time the sandboxed code may take (nil: no limit).
    public var timeLimit: Double?

    public init(origin: Origin) {
        self.origin = origin
    }

    /// True when the policy grants `capability` (`"submit"`).
    public func allows(_ capability: String) -> Bool { capabilities.contains(capability) }

    /// How the user grants a permission the sandbox refused: `--allow-read DIR` on the
    /// command line, `read = {DIR}` in a policy table.
    public func grantHint(_ permission: LuaSandboxPermission) -> String {
        switch (origin, permission) {
        case (.commandLine, .read): "--allow-read DIR"
        case (.commandLine, .write): "--allow-write DIR"
        case (.commandLine, .environment(let name)): "--allow-env \(name)"
        case (.commandLine, .capability(let name)): "--allow-\(name)"
        case (.commandLine, .profile(let name)): "--allow-profile \(name)"
        case (.script, .read): "read = {DIR} in the sandbox policy"
        case (.script, .write): "write = {DIR} in the sandbox policy"
        case (.script, .environment(let name)): "env = {\"\(name)\"} in the sandbox policy"
        case (.script, .capability(let name)): "\(name) = true in the sandbox policy"
        case (.script, .profile(let name)): "profile = {\"\(name)\"} in the sandbox policy"
        }
    }

    /// How the user raises a limit the sandboxed code ran into.
    public func limitHint(_ limit: LuaSandboxLimit) -> String {
        switch (origin, limit) {
        case (.commandLine, .memory): "--max-memory SIZE"
        case (.commandLine, .instructions): "--max-instructions N"
        case (.commandLine, .time): "--timeout SECONDS"
        case (.script, .memory): "max_memory in the sandbox policy"
        case (.script, .instructions): "max_instructions in the sandbox policy"
        case (.script, .time): "timeout in the sandbox policy"
        }
    }
}

/// A permission a sandbox may grant.
public enum LuaSandboxPermission: Sendable, Equatable {
    case read
    case write
    case environment(String)
    case capability(String)
    case profile(String)
}

/// A limit a sandbox enforces.
public enum LuaSandboxLimit: String, Sendable, Equatable {
    case memory
    case instructions
    case time

    /// The `code` of the error that reports it: `memoryLimit`, `instructionLimit`, `timeLimit`.
    public var code: String {
        switch self {
        case .memory: "memoryLimit"
        case .instructions: "instructionLimit"
        case .time: "timeLimit"
        }
    }
}

extension LuaSandboxPolicy {
    /// The default instruction limit: 10⁹ VM instructions, some seconds of pure Lua work on a
    /// current machine (waiting on the network costs none).
    public static let defaultInstructionLimit: Int64 = 1_000_000_000

    /// A size in bytes from `268435456`, `256M`, `256MiB`, `64k`, `1G` or `1.5GiB`; nil when
    /// it is not one (or not positive).
    public static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces.lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(digits), value > 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingSpaces
        let scale: Double
        switch unit {
        case "", "b": scale = 1
        case "k", "kb", "kib": scale = 1024
        case "m", "mb", "mib": scale = 1024 * 1024
        case "g", "gb", "gib": scale = 1024 * 1024 * 1024
        default: return nil
        }
        let bytes = value * scale
        guard bytes >= 1, bytes < Double(Int.max) else { return nil }
        return Int(bytes)
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
