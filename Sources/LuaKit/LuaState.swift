import CLua
import CLuaMetered

/// One Lua state (`lua_State`) owned by Swift: created by `init`, closed exactly once by
/// ``close()`` or `deinit`.
///
/// Not `Sendable`, by design: a state and every ``LuaStack`` of it are used from one thread
/// only (a thread the runtime owns, never Swift's cooperative pool). The only member meant
/// for other threads is ``interruptHandle``.
///
/// The state runs on a counting allocator (``memoryInUse``, ``memoryLimit``), and offers an
/// instruction-count hook (``setInstructionHook(every:_:)``) and interrupts: the primitives
/// a sandbox needs.
public final class LuaState {
    /// The main thread's stack.
    public let stack: LuaStack
    let host: UnsafeMutablePointer<hws_host>
    private(set) public var isClosed = false

    var instructionHook: ((LuaStack) -> LuaHookAction)?
    var interruptValue: ((LuaStack) -> Void)?
    var json: LuaJSONContext?
    /// The sandboxes of this state, made on first use (``sandboxMonitor``).
    public internal(set) var sandboxMonitorIfAny: LuaSandboxMonitor?

    /// Creates a state and opens Lua's standard libraries unless `openLibraries` is false.
    /// Fails only when memory for the state itself cannot be had.
    public init(openLibraries: Bool = true) throws(LuaError) {
        host = UnsafeMutablePointer<hws_host>.allocate(capacity: 1)
        host.initialize(to: hws_host())
        guard let L = hws_newstate(host) else {
            host.deallocate()
            throw LuaError(kind: .memory, message: "not enough memory to create a Lua state")
        }
        stack = LuaStack(L)
        host.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
        SwiftObjectBox.registerInternalMetatable(on: L)
        if openLibraries { self.openLibraries() }
    }

    deinit { close() }

    /// Closes the state: runs pending finalizers and `__close` handlers, frees everything.
    /// Later calls do nothing.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        lua_close(stack.pointer)
        host.deallocate()
    }

    /// Opens Lua's standard libraries (`luaL_openlibs`), with metered copies of the string
    /// and table functions that can work long inside C (the pattern matcher, `string.rep`,
    /// `table.move` …): they charge their work to the instruction hook, so its limits and
    /// interrupts reach inside them (CLuaMetered).
    public func openLibraries() {
        luaL_openlibs(stack.pointer)
        lua_pushcclosure(stack.pointer, hws_open_metered, 0)
        if hws_pcall(stack.pointer, 0, 0) != LUA_OK { stack.pop() }
    }

    /// The version of the Lua library, as `lua -v` prints it: "Lua 5.4.4".
    public static var release: String { String(cString: hws_lua_release()) }

    // MARK: Memory

    /// Bytes Lua has allocated and not freed.
    public var memoryInUse: Int { Int(host.pointee.used) }

    /// The most bytes in use at any time so far.
    public var peakMemory: Int { Int(host.pointee.peak) }

    /// A ceiling on ``memoryInUse``, or nil for none. Past it, allocations made while Lua
    /// code runs are refused and the script sees Lua's "not enough memory" error, which
    /// `pcall` can catch. Allocations made while Swift code runs (a bound function pushing
    /// its results) are granted, and the memory error is raised when it returns, unless a
    /// full collection brought the state back under the ceiling.
    public var memoryLimit: Int? {
        get { host.pointee.limit == 0 ? nil : Int(host.pointee.limit) }
        set { host.pointee.limit = newValue.map { max(1, $0) } ?? 0 }
    }

    /// True when the state uses more than its memory limit (Swift code that builds large
    /// values checks this to stop early, throwing ``LuaMemoryError``).
    public var isOverMemoryLimit: Bool {
        host.pointee.limit != 0 && host.pointee.used > host.pointee.limit
    }

    /// Runs a full garbage collection.
    public func collectGarbage() { hws_gc_collect(stack.pointer) }

    /// Switches the collector to generational mode, as `lua` does at start-up.
    public func useGenerationalCollector() { hws_gc_generational(stack.pointer) }

    /// Turns Lua warnings (`warn`) on, as `lua -W` does.
    public func enableWarnings() { hws_warnings_on(stack.pointer) }
}

extension LuaState {
    /// The `package.path` Lua's library was built with (`LUA_PATH_DEFAULT`).
    public static var defaultModulePath: String { String(cString: hws_lua_path_default()) }

    /// The `package.cpath` Lua's library was built with (`LUA_CPATH_DEFAULT`).
    public static var defaultCModulePath: String { String(cString: hws_lua_cpath_default()) }

    /// Sets the registry flag `LUA_NOENV`, so the package library ignores `LUA_PATH` and
    /// `LUA_CPATH` (what `lua -E` does). Call before opening the libraries.
    public func ignoreEnvironmentVariables() {
        stack.push(true)
        stack.pushRegistry()
        stack.insert(at: -2)
        stack.rawSet(at: -2, "LUA_NOENV")
        stack.pop()
    }
}

/// Functions for measuring LuaKit against plain C in the same host (bench/).
public enum LuaBenchmarkFunctions {
    /// Pushes a C function that adds two integers (`luaL_checkinteger` both), the C twin of a
    /// bound Swift function doing the same.
    public static func pushCAdd(on stack: LuaStack) {
        hws_push_bench_c_add(stack.pointer)
    }

    /// Bytes the process's C allocator has handed out and not had back (Lua, Swift and every
    /// library allocate through it): what the process holds, without the freed memory the
    /// allocator keeps for reuse, which its resident set also counts.
    public static var heapInUse: Int { Int(hws_heap_in_use()) }
}
