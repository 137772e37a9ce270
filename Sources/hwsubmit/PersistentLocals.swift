import LuaKit

/// The REPL's locals that outlive their input (see ``LocalHoisting`` for the rewriting).
///
/// Each session local is a real Lua variable: an upvalue of the function an earlier input
/// was compiled to. This keeps, per name, which function and upvalue hold it, joins later
/// inputs' upvalues to it, and reads values for completion. The bookkeeping is a few lines
/// of Lua run in protected calls, host code: it runs with the libraries the state opened
/// (``LuaStack/pushLoadedLibrary(_:)``), not the globals the user's code sees, so neither a
/// script that removes `debug` nor a sandbox (`--sandbox`, where the user's code has no
/// `debug`) breaks it, and the sandboxed code never gets `debug` from it.
final class PersistentLocals {
    private let stack: LuaStack
    private let session: LuaRef
    /// The names of the session's locals.
    private(set) var names: Set<String> = []

    private static let source = """
        local getupvalue, upvaluejoin, unpack = debug.getupvalue, debug.upvaluejoin, table.unpack
        local select, ipairs, pairs = select, ipairs, pairs
        local cells = {}
        local session = {}
        local function each_upvalue(f, body)
          local i = 1
          while true do
            local name = getupvalue(f, i)
            if name == nil then return end
            body(name, i)
            i = i + 1
          end
        end
        function session.value(name)
          local cell = cells[name]
          if cell then return select(2, getupvalue(cell[1], cell[2])) end
        end
        function session.bind(outer, hoisted, declared)
          local values = {}
          for k, name in ipairs(hoisted) do values[k] = session.value(name) end
          local inner = outer(unpack(values, 1, #hoisted))
          each_upvalue(inner, function(name, i)
            local cell = cells[name]
            if cell and not declared[name] then upvaluejoin(inner, i, cell[1], cell[2]) end
          end)
          return inner
        end
        function session.keep(inner, declared, completed)
          each_upvalue(inner, function(name, i)
            if declared[name] and (completed or select(2, getupvalue(inner, i)) ~= nil) then
              cells[name] = { inner, i }
            end
          end)
          local names = {}
          for name in pairs(cells) do names[#names + 1] = name end
          return names
        end
        return session
        """

    /// Nil when the state has no `debug` library (the REPL then forgets locals, as `lua` does).
    init?(stack: LuaStack) {
        self.stack = stack
        guard stack.pushLoadedLibrary("debug") == .table else {
            stack.pop()
            return nil
        }
        stack.pop()
        do throws(LuaError) {
            try stack.load(Self.source, chunkName: "=(repl locals)")
            stack.pushLoadedLibrary("_G")
            stack.setChunkEnvironment(at: -2)
            try stack.call(arguments: 0, results: 1)
        } catch {
            if let value = error.value { stack.release(value) }
            return nil
        }
        session = stack.ref()
    }

    deinit { stack.release(session) }

    /// Compiles `hoisting.source` and pushes the function to run in place of the input, its
    /// upvalues joined to the session's locals.
    func prepare(_ hoisting: LocalHoisting, chunkName: String) throws(LuaError) {
        try stack.load(hoisting.source, chunkName: chunkName)
        let outer = stack.top
        pushSessionFunction("bind")
        stack.insert(at: outer)
        stack.push(hoisting.hoisted.map { LuaValue.string(Array($0.utf8)) })
        pushNameSet(hoisting.declared)
        try stack.call(arguments: 3, results: 1)
    }

    /// Records the locals the input declared, given the function ``prepare(_:chunkName:)``
    /// pushed (at `index`). After a failed input, only the locals it gave a value are kept.
    func keep(_ hoisting: LocalHoisting, function index: Int32, completed: Bool) {
        let function = stack.absolute(index)
        let top = stack.top
        defer { stack.top = top }
        pushSessionFunction("keep")
        stack.pushValue(at: function)
        pushNameSet(hoisting.declared)
        stack.push(completed)
        do throws(LuaError) {
            try stack.call(arguments: 3, results: 1)
            var kept: Set<String> = []
            stack.forEachPair(at: -1) { if let name = stack.string(at: -1) { kept.insert(name) } }
            names = kept
        } catch {
            if let value = error.value { stack.release(value) }
        }
    }

    /// Pushes the value of the session local `name` (nil when there is none).
    func pushValue(of name: String) {
        let top = stack.top
        pushSessionFunction("value")
        stack.push(name)
        do throws(LuaError) {
            try stack.call(arguments: 1, results: 1)
        } catch {
            if let value = error.value { stack.release(value) }
            stack.top = top
            stack.pushNil()
        }
    }

    private func pushSessionFunction(_ name: String) {
        stack.push(session)
        stack.rawGet(at: -1, name)
        stack.remove(at: -2)
    }

    private func pushNameSet(_ names: Set<String>) {
        stack.newTable(fieldCapacity: names.count)
        for name in names {
            stack.push(true)
            stack.rawSet(at: -2, name)
        }
    }
}
