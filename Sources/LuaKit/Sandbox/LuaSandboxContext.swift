#if canImport(Glibc)
import Glibc
#endif

/// One sandbox at run time: its policy, the files it may touch, and what it has used of its
/// limits. Every thread running the sandbox's code is marked with it (see
/// ``LuaSandboxMonitor``), so the instruction hook, `hdc` and `fs` know which policy applies.
public final class LuaSandboxContext {
    public let id: Int
    public let policy: LuaSandboxPolicy
    /// Where the sandbox may read (its read and write roots) and write.
    public let readable: LuaPathConfinement
    public let writable: LuaPathConfinement
    /// Where `require` finds modules: the module roots and the read roots.
    public let modules: LuaPathConfinement

    /// Instructions run in the current activation (counted by the hook's granularity).
    public internal(set) var instructions: Int64 = 0
    /// When the current activation must end (monotonic seconds), if there is a time limit.
    public internal(set) var deadline: Double?
    /// The limit the code ran into: once set, the hook raises it at every check until the
    /// activation ends, so `pcall` cannot swallow it.
    public internal(set) var violation: LuaSandboxViolation?
    /// The state's count of refused allocations when the activation began.
    var refusedAtStart = 0
    /// Calls into the sandbox in progress (``LuaSandboxMonitor/enter(_:thread:)``).
    var activeEntries = 0
    /// The state's memory ceiling while this sandbox is active.
    var memoryCeiling: Int?

    init(id: Int, policy: LuaSandboxPolicy) {
        self.id = id
        self.policy = policy
        readable = LuaPathConfinement(roots: policy.readRoots + policy.writeRoots)
        writable = LuaPathConfinement(roots: policy.writeRoots)
        modules = LuaPathConfinement(roots: policy.moduleRoots + policy.readRoots + policy.writeRoots)
    }

    // MARK: Permissions

    /// The resolved path to open for reading `path`, or the refusal.
    public func checkRead(_ path: String) throws(LuaSandboxViolation) -> String {
        if let resolved = readable.resolve(path) { return resolved }
        throw LuaSandboxViolation.denied(.read, "reading '\(path)'\(LuaSandboxContext.resolvedNote(path))", policy: policy)
    }

    /// The resolved path to open for writing (or creating, or removing) `path`, or the refusal.
    public func checkWrite(_ path: String) throws(LuaSandboxViolation) -> String {
        if let resolved = writable.resolve(path) { return resolved }
        throw LuaSandboxViolation.denied(.write, "writing '\(path)'\(LuaSandboxContext.resolvedNote(path))", policy: policy)
    }

    /// The path to act on for removing or renaming the directory entry `path` (a link itself,
    /// not what it leads to), or the refusal: its directory resolved, its last name as given.
    /// Where a link leads must be writable too, so that a link out of the granted directories
    /// cannot be moved onto a path the sandbox uses (or writes to later, as a download does).
    public func checkEntry(_ path: String) throws(LuaSandboxViolation) -> String {
        if let resolved = writable.resolveEntry(path), writable.resolve(path) != nil { return resolved }
        throw LuaSandboxViolation.denied(.write, "writing '\(path)'\(LuaSandboxContext.resolvedNote(path))", policy: policy)
    }

    /// Refuses unless the policy grants `capability`; `what` names the operation refused.
    public func check(capability: String, for what: String) throws(LuaSandboxViolation) {
        guard !policy.allows(capability) else { return }
        throw LuaSandboxViolation.denied(.capability(capability), what, policy: policy)
    }

    /// Refuses a connection to the named account `profile` unless the policy grants it or it is
    /// `current` (the one the host runs with).
    public func check(profile: String, current: String?, for what: String) throws(LuaSandboxViolation) {
        guard profile != current, !policy.profiles.contains(profile) else { return }
        throw LuaSandboxViolation.denied(.profile(profile), "\(what) with the profile '\(profile)'", policy: policy)
    }

    /// The value of an environment variable, when the policy grants it; nil otherwise (as if
    /// it were not set).
    public func environmentVariable(_ name: String) -> String? {
        guard policy.environmentVariables.contains(name), let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    private static func resolvedNote(_ path: String) -> String {
        guard let resolved = LuaPathConfinement.resolve(path), resolved != path else { return "" }
        return " (resolved: '\(resolved)')"
    }

    // MARK: Limits

    /// Starts a new activation: the counts start again and the time limit runs from now.
    func beginActivation(refused: Int, memoryInUse: Int) {
        instructions = 0
        violation = nil
        refusedAtStart = refused
        deadline = policy.timeLimit.map { LuaSandboxContext.now() + $0 }
        memoryCeiling = policy.memoryLimit.map { memoryInUse + $0 }
    }

    /// The limit this activation has run into, checked by the hook every `step` instructions.
    func exceededLimit(step: Int64, refused: Int) -> LuaSandboxLimit? {
        instructions += step
        if let limit = policy.instructionLimit, instructions > limit { return .instructions }
        if let deadline, LuaSandboxContext.now() >= deadline { return .time }
        if policy.memoryLimit != nil, refused > refusedAtStart { return .memory }
        return nil
    }

    /// Records `limit` as exceeded (the hook raises it from now on) and returns the error.
    @discardableResult
    public func markExceeded(_ limit: LuaSandboxLimit) -> LuaSandboxViolation {
        if let violation { return violation }
        let error = LuaSandboxViolation.exceeded(limit, policy: policy)
        violation = error
        return error
    }

    /// Seconds on the monotonic clock.
    public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
