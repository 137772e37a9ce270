import LuaKit

/// Tab completion from the live Lua state: keywords, the session's locals and globals;
/// fields of tables (`hdc.cre`), methods after `:` (`s:fo`), module names after
/// `require "`, and a function's parameters after its `(` when ``documentation`` knows them.
/// A documented module (`hdc`) is completed from ``documentation`` as well as from its table,
/// which may not be filled yet.
///
/// It runs inside libedit's key handler, so it never runs Lua code that could raise: tables
/// are read raw, `__index` is followed only where it is a table (a function there is never
/// called: pressing Tab must not make a service call), and session locals are read through
/// ``PersistentLocals``, whose calls are protected.
final class LuaNameCompleter: Completer {
    private let stack: LuaStack
    private let locals: PersistentLocals?
    private let documentation: APIDocumentation?

    init(stack: LuaStack, locals: PersistentLocals?, documentation: APIDocumentation? = nil) {
        self.stack = stack
        self.locals = locals
        self.documentation = documentation
    }

    func complete(_ textBeforeCursor: [UInt8]) -> Completion {
        let top = stack.top
        defer { stack.top = top }
        guard stack.ensureCapacity(60) else { return Completion() }
        switch CompletionContext(textBeforeCursor) {
        case .nothing:
            return Completion()
        case .variable(let prefix):
            return Completion(prefix: prefix, candidates: variables())
        case .field(let path, let prefix, let method):
            var candidates: Set<Completion.Candidate> = []
            if !method, let documentation, let name = documentedName(of: path) {
                candidates.formUnion(documentation.fields(of: name))
            }
            stack.top = top
            if pushValue(at: path) { candidates.formUnion(fields(of: -1, methodsOnly: method)) }
            return Completion(prefix: prefix, candidates: candidates)
        case .module(let prefix):
            let names = ModuleNames(stack: stack).matching(prefix)
            return Completion(prefix: prefix, candidates: names.map { Completion.Candidate(name: $0, isFunction: false) })
        case .arguments(let path):
            if let name = documentedName(of: path), let hint = documentation?.signature(of: name) { return Completion(hint: hint) }
            return Completion(prefix: "", candidates: variables())
        case .methodArguments(let path, let method):
            if pushValue(at: path), let type = typeName(of: -1),
               let hint = documentation?.signature(of: type + ":" + method) {
                return Completion(hint: hint)
            }
            return Completion(prefix: "", candidates: variables())
        }
    }

    // MARK: Candidates

    private func variables() -> Set<Completion.Candidate> {
        var candidates = Set(LuaLexer.keywords.map { Completion.Candidate(name: $0, isFunction: false) })
        stack.pushGlobalTable()
        candidates.formUnion(fields(of: -1, methodsOnly: false))
        stack.pop()
        for name in locals?.names ?? [] {
            locals?.pushValue(of: name)
            candidates.insert(Completion.Candidate(name: name, isFunction: stack.type(at: -1) == .function))
            stack.pop()
        }
        return candidates
    }

    /// The names of the value at `index` and of the tables its `__index` chain leads to.
    private func fields(of index: Int32, methodsOnly: Bool) -> Set<Completion.Candidate> {
        var candidates: Set<Completion.Candidate> = []
        var current = stack.absolute(index)
        for _ in 0..<8 {
            if stack.type(at: current) == .table {
                stack.forEachPair(at: current) {
                    guard let name = stack.string(at: -2), Self.isIdentifier(name) else { return }
                    let isFunction = stack.type(at: -1) == .function
                    if isFunction || !methodsOnly { candidates.insert(Completion.Candidate(name: name, isFunction: isFunction)) }
                }
            }
            guard pushIndexTable(of: current) else { break }
            current = stack.top
        }
        return candidates
    }

    // MARK: Resolving a path

    /// The qualified name ``documentation`` knows the value at `path` by: the path itself when
    /// its root is a documented module, also when that module is reached under another name
    /// (`local h = hdc`). Nil for anything else.
    private func documentedName(of path: [String]) -> String? {
        guard let documentation, let root = path.first else { return nil }
        let top = stack.top
        defer { stack.top = top }
        let isLocal = locals?.names.contains(root) ?? false
        if isLocal {
            locals?.pushValue(of: root)
        } else {
            stack.getGlobal(root)
        }
        let value = stack.type(at: -1) == .table ? stack.identity(at: -1) : nil
        stack.pushRegistry()
        let loaded = stack.rawGet(at: -1, "_LOADED") == .table
        for module in documentation.moduleNames {
            var matches = false
            if loaded, let value {
                stack.rawGet(at: -1, module)
                matches = stack.identity(at: -1) == value
                stack.pop()
            }
            if matches || (root == module && !isLocal) {
                return ([module] + path.dropFirst()).joined(separator: ".")
            }
        }
        return nil
    }

    /// Pushes the value at `path` (root: a session local or a global); false when some part
    /// of it is missing.
    private func pushValue(at path: [String]) -> Bool {
        guard let root = path.first else { return false }
        if let locals, locals.names.contains(root) {
            locals.pushValue(of: root)
        } else {
            stack.getGlobal(root)
        }
        for name in path.dropFirst() {
            guard !stack.isNil(at: -1), pushField(name, of: -1) else { return false }
            stack.remove(at: -2)
        }
        return !stack.isNil(at: -1)
    }

    /// Pushes `value[name]` for the value at `index`, raw, then through `__index` tables.
    private func pushField(_ name: String, of index: Int32) -> Bool {
        var current = stack.absolute(index)
        for _ in 0..<8 {
            if stack.type(at: current) == .table {
                if stack.rawGet(at: current, name) != .nil { return true }
                stack.pop()
            }
            guard pushIndexTable(of: current) else { return false }
            current = stack.top
        }
        return false
    }

    /// The `__name` of the metatable of the value at `index` (`hdc.Task`), if it has one.
    private func typeName(of index: Int32) -> String? {
        guard stack.pushMetatable(at: index) else { return nil }
        defer { stack.pop(2) }
        stack.rawGet(at: -1, "__name")
        return stack.type(at: -1) == .string ? stack.string(at: -1) : nil
    }

    /// Pushes the `__index` of the metatable of the value at `index` when it is a table.
    private func pushIndexTable(of index: Int32) -> Bool {
        guard stack.pushMetatable(at: index) else { return false }
        let type = stack.rawGet(at: -1, "__index")
        stack.remove(at: -2)
        guard type == .table else {
            stack.pop()
            return false
        }
        return true
    }

    static func isIdentifier(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, LuaLexer.isNameStart(first) else { return false }
        return bytes.allSatisfy(LuaLexer.isNameByte) && !LuaLexer.keywords.contains(name)
    }
}
