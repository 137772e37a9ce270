import Foundation
import LuaKit
#if canImport(Glibc)
import Glibc
#endif

/// The `sandbox` library trusted scripts use to run code they do not fully trust:
///
/// - `sandbox.run(code_or_file, policy, ...)`: runs a chunk (Lua source, or a file when the
///   string names one: no newline and ending in `.lua`) in a new sandbox with `policy`,
///   passing it `...`; returns what it returns.
/// - `sandbox.require(name, policy)`: finds a module on the script's own `package.path`, runs
///   it in a new sandbox, and returns its module table.
///
/// Values cross the sandbox's boundary as copies or wrappers (see `LuaSandboxBoundaryPrelude`):
/// tables come back copied without the sandbox's metatables, functions and coroutines call
/// back into the sandbox, under its limits, and what goes in (the arguments) is copied too.
/// Errors come back the same way (an `hdc.Error` stays one), and exceeded limits are raised
/// as the limit's `hdc.Error` (kind `sandbox`).
enum SandboxLibrary {
    static let name = "sandbox"

    static func push(on stack: LuaStack, support: SandboxSupport) {
        weak let weakSupport = support
        stack.push(library: [
            LuaFunctionEntry("run") { call in
                guard let support = weakSupport else { throw HDCError.script("hwsubmit: the sandbox library's runtime has ended") }
                return try run(call, support: support)
            },
            LuaFunctionEntry("require") { call in
                guard let support = weakSupport else { throw HDCError.script("hwsubmit: the sandbox library's runtime has ended") }
                return try require(call, support: support)
            },
        ])
    }

    // MARK: sandbox.run

    private static func run(_ call: LuaCall, support: SandboxSupport) throws -> LuaReturn {
        let stack = call.stack
        let source = try call.string(1)
        var policy = try SandboxPolicyTable(stack: stack, index: 2).policy()
        let isFile = !source.contains("\n") && source.hasSuffix(".lua")
        if isFile { policy.moduleRoots.append(directory(of: source)) }
        let extra = max(0, call.argumentCount - 2)
        _ = try makeContext(policy, support: support, on: stack)
        // [code, policy, extra..., environment, enter]
        if isFile {
            try stack.loadFile(source)
        } else {
            try stack.load(source, chunkName: "=(sandbox)")
        }
        stack.pushValue(at: -3)
        stack.setChunkEnvironment(at: -2)
        // [code, policy, extra..., environment, enter, chunk]
        stack.ensureCapacity(extra + 4)
        for i in 0..<extra { stack.pushValue(at: 3 + i) }
        return .call(arguments: extra + 1, results: LuaStack.allResults) { _, outcome in .values(outcome.count) }
    }

    // MARK: sandbox.require

    private static func require(_ call: LuaCall, support: SandboxSupport) throws -> LuaReturn {
        let stack = call.stack
        let name = try call.string(1)
        guard let path = searchPath(for: name, on: stack) else {
            throw LuaArgumentError(argument: 1, message: "module '\(name)' not found on package.path")
        }
        var policy = try SandboxPolicyTable(stack: stack, index: 2).policy()
        policy.moduleRoots.append(directory(of: path))
        stack.top = 2
        _ = try makeContext(policy, support: support, on: stack)
        // [name, policy, environment, enter]
        try stack.loadFile(path)
        stack.pushValue(at: 3)
        stack.setChunkEnvironment(at: -2)
        stack.push(name)
        stack.push(path)
        return .call(arguments: 3, results: 1) { _, _ in .values(1) }
    }

    // MARK: Pieces

    /// Makes a sandbox for `policy` and pushes its environment and its entry.
    private static func makeContext(_ policy: LuaSandboxPolicy, support: SandboxSupport, on stack: LuaStack) throws -> LuaSandboxContext {
        var policy = policy
        policy.moduleRoots = support.moduleRoots + policy.moduleRoots
        let monitor = stack.state.sandboxMonitor
        let context = monitor.makeContext(policy)
        stack.ensureCapacity(4)
        try support.environment.push(for: context, on: stack)
        try monitor.pushEntry(for: context, on: stack)
        return context
    }

    /// The file `require` would load for `name` from the trusted script's `package.path`.
    private static func searchPath(for name: String, on stack: LuaStack) -> String? {
        guard stack.getGlobal("package") == .table else {
            stack.pop()
            return nil
        }
        stack.rawGet(at: -1, "path")
        let templates = stack.string(at: -1) ?? ""
        stack.pop(2)
        let relative = name.replacingOccurrences(of: ".", with: "/")
        for template in templates.split(separator: ";") {
            let candidate = template.replacingOccurrences(of: "?", with: relative)
            if access(candidate, R_OK) == 0 { return candidate }
        }
        return nil
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
