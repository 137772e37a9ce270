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
/// What comes back is made safe to hold (see `LuaSandboxBoundaryPrelude`): tables are copied
/// without the sandbox's metatables, and functions call back into the sandbox, under its
/// limits. Errors come back as they were raised, except that exceeded limits are raised as
/// the limit's `hdc.Error` (kind `sandbox`).
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
        let exporter = stack.top - 1
        // [code, policy, extra..., environment, exporter, enter]
        if isFile {
            try stack.loadFile(source)
        } else {
            try stack.load(source, chunkName: "=(sandbox)")
        }
        stack.pushValue(at: -4)
        stack.setChunkEnvironment(at: -2)
        // [code, policy, extra..., environment, exporter, enter, chunk]
        stack.ensureCapacity(extra + 4)
        for i in 0..<extra { stack.pushValue(at: 3 + i) }
        return .call(arguments: extra + 1, results: LuaStack.allResults) { call, outcome in
            try exportResults(call, first: outcome.firstIndex, count: outcome.count, exporterAt: exporter)
        }
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
        // [name, policy, environment, exporter, enter]
        try stack.loadFile(path)
        stack.pushValue(at: 3)
        stack.setChunkEnvironment(at: -2)
        stack.push(name)
        stack.push(path)
        return .call(arguments: 3, results: 1) { call, outcome in
            try exportResults(call, first: outcome.firstIndex, count: 1, exporterAt: 4)
        }
    }

    // MARK: Pieces

    /// Makes a sandbox for `policy` and pushes its environment, its exporter and its entry.
    private static func makeContext(_ policy: LuaSandboxPolicy, support: SandboxSupport, on stack: LuaStack) throws -> LuaSandboxContext {
        var policy = policy
        policy.moduleRoots = support.moduleRoots + policy.moduleRoots
        let monitor = stack.state.sandboxMonitor
        let context = monitor.makeContext(policy)
        stack.ensureCapacity(4)
        try SandboxSupport.environment.push(for: context, on: stack)
        try monitor.pushExporter(for: context, on: stack)
        monitor.pushEntry(for: context, on: stack)
        return context
    }

    /// Packs `count` values from `first` into a table, passes it through the exporter at
    /// `exporterAt`, and returns the exported values.
    private static func exportResults(_ call: LuaCall, first: Int32, count: Int32, exporterAt exporter: Int32) throws -> LuaReturn {
        let stack = call.stack
        stack.ensureCapacity(4)
        stack.pushValue(at: exporter)
        stack.newTable(arrayCapacity: Int(count), fieldCapacity: 1)
        for i in 0..<count {
            stack.pushValue(at: first + i)
            stack.rawSet(at: -2, index: Int64(i + 1))
        }
        stack.push(Int64(count))
        stack.rawSet(at: -2, "n")
        return .call(arguments: 1, results: 1) { call, outcome in
            let packed = outcome.firstIndex
            call.stack.ensureCapacity(count + 1)
            for i in 0..<count { call.stack.rawGet(at: packed, index: Int64(i + 1)) }
            return .values(count)
        }
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
