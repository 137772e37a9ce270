import LuaKit

/// The script's `coroutine` library, wrapped so that the scheduler's host yields pass through
/// the script's own coroutines, while every function keeps its Lua meaning.
///
/// A binding that waits for the network inside a coroutine the script made yields a host
/// yield to whoever resumed that coroutine. `resume` and the functions `wrap` makes recognise
/// it and pass it up to the scheduler (yielding themselves) when they can, or wait on the
/// Lua thread when they cannot (a `coroutine.wrap` iterator called from a `table.sort`
/// comparator), then resume the coroutine with the outcome. The script never sees a host yield.
///
/// Tasks (the main chunk, `hdc.spawn`ed functions) are coroutines underneath, but look like
/// Lua's main thread: `yield` at their top raises "attempt to yield from outside a coroutine",
/// `isyieldable()` is false, `running()` says it is the main one, and other coroutines see them
/// (and a coroutine suspended in a host yield) as `normal`, so they cannot resume or close them.
///
/// Installed with bound Swift functions (no Lua source to compile), to keep start-up cheap.
enum HostCoroutineLibrary {
    /// A string error raised as it is, with no position (Lua's own wording for these).
    struct PlainMessage: LuaErrorValue {
        let text: String
        func pushErrorValue(on stack: LuaStack) { stack.push(text) }
    }

    /// A string error prefixed with the caller's position, as `luaL_error` raises.
    struct PositionedMessage: Error, CustomStringConvertible {
        let description: String
    }

    /// Replaces `resume`, `wrap`, `yield`, `isyieldable`, `running`, `status` and `close` in the
    /// state's `coroutine` table (the one `package.loaded` holds too).
    static func install(on stack: LuaStack, scheduler: CoroutineScheduler) {
        guard stack.getGlobal("coroutine") == .table else {
            stack.pop()
            return
        }
        weak let weakScheduler = scheduler
        func replace(_ name: String, rawUpvalues: [String], _ body: @escaping (LuaCall, CoroutineScheduler?) throws -> LuaReturn) {
            for raw in rawUpvalues { stack.rawGet(at: -1 - Int32(rawUpvalues.firstIndex(of: raw)!), raw) }
            stack.push(function: { call in try body(call, weakScheduler) }, upvalues: Int32(rawUpvalues.count))
            stack.rawSet(at: -2, name)
        }
        replace("resume", rawUpvalues: ["resume"], resume)
        replace("wrap", rawUpvalues: ["create", "resume", "close"], wrap)
        replace("yield", rawUpvalues: [], yield)
        replace("isyieldable", rawUpvalues: [], isYieldable)
        replace("running", rawUpvalues: ["running"], running)
        replace("status", rawUpvalues: ["status"], status)
        replace("close", rawUpvalues: ["close", "status"], close)
        stack.pop()
    }

    // MARK: The functions

    private static func resume(_ call: LuaCall, _ scheduler: CoroutineScheduler?) throws -> LuaReturn {
        guard let thread = call.stack.thread(at: 1) else { throw call.typeError(1, expected: "thread") }
        if let scheduler, scheduler.isTask(thread.pointer) || scheduler.isInHostWait(thread.pointer) {
            call.stack.push(false)
            call.stack.push("cannot resume non-suspended coroutine")
            return .values(2)
        }
        return try resumePassingHostYields(
            call, coroutine: 1, rawResume: call.upvalueIndex(1), arguments: call.argumentCount - 1, scheduler: scheduler
        ) { call, base in .values(call.stack.top - base) }
    }

    private static func wrap(_ call: LuaCall, _ scheduler: CoroutineScheduler?) throws -> LuaReturn {
        try call.function(1)
        let stack = call.stack
        stack.top = 1
        stack.pushValue(at: call.upvalueIndex(1))
        stack.pushValue(at: 1)
        try stack.call(arguments: 1, results: 1)
        stack.pushValue(at: call.upvalueIndex(2))
        stack.pushValue(at: call.upvalueIndex(3))
        weak let weakScheduler = scheduler
        stack.push(function: { call in try wrapped(call, weakScheduler) }, upvalues: 3)
        return .values(1)
    }

    /// A function `wrap` made: upvalues are the coroutine, raw `resume` and raw `close`.
    private static func wrapped(_ call: LuaCall, _ scheduler: CoroutineScheduler?) throws -> LuaReturn {
        let coroutine = call.upvalueIndex(1)
        if let scheduler, let thread = call.stack.thread(at: coroutine), scheduler.isInHostWait(thread.pointer) {
            throw PositionedMessage(description: "cannot resume non-suspended coroutine")
        }
        return try resumePassingHostYields(
            call, coroutine: coroutine, rawResume: call.upvalueIndex(2), arguments: call.argumentCount, scheduler: scheduler
        ) { call, base in
            let stack = call.stack
            if stack.bool(at: base + 1) { return .values(stack.top - base - 1) }
            // As lua.c's auxwrap: a coroutine that died of an error is closed (its to-be-closed
            // variables run), and a string error gets the caller's position.
            if let co = LuaCoroutine(at: coroutine, of: stack), co.status == .dead {
                stack.pushValue(at: call.upvalueIndex(3))
                stack.pushValue(at: coroutine)
                try stack.call(arguments: 1, results: 2)
                if !stack.bool(at: -2) { stack.replace(at: base + 2) }
                stack.top = base + 2
            }
            if stack.type(at: base + 2) == .string, let message = stack.string(at: base + 2) {
                throw PositionedMessage(description: message)
            }
            stack.top = base + 2
            return .raise
        }
    }

    private static func yield(_ call: LuaCall, _ scheduler: CoroutineScheduler?) throws -> LuaReturn {
        if scheduler?.isTask(call.stack.pointer) == true {
            throw PlainMessage(text: "attempt to yield from outside a coroutine")
        }
        return .yield(call.argumentCount) { _, resumed in .values(resumed.count) }
    }

    private static func isYieldable(_ call: LuaCall, _ scheduler: CoroutineScheduler?) throws -> LuaReturn {
        let thread: LuaStack
        if call.stack.type(at: 1) == .none {
            thread = call.stack
        } else {
            guard let given = call.stack.thread(at: 1) else { throw call.typeError(1, expected: "thread") }
            thread = given
        }
        call.stack.push(thread.isYieldable && scheduler?.isTask(thread.pointer) != true)
        return .values(1)
    }

    private static func running(_ call: LuaCall, _ scheduler: CoroutineScheduler?) throws -> LuaReturn {
        let stack = call.stack
        stack.pushValue(at: call.upvalueIndex(1))
        try stack.call(arguments: 0, results: 2)
        if let scheduler, let thread = stack.thread(at: -2), scheduler.isTask(thread.pointer) {
            stack.pop()
            stack.push(true)
        }
        return .values(2)
    }

    private static func status(_ call: LuaCall, _ scheduler: CoroutineScheduler?) throws -> LuaReturn {
        call.stack.push(try statusName(call, rawStatus: call.upvalueIndex(1), scheduler))
        return .values(1)
    }

    private static func close(_ call: LuaCall, _ scheduler: CoroutineScheduler?) throws -> LuaReturn {
        let status = try statusName(call, rawStatus: call.upvalueIndex(2), scheduler)
        if status == "normal" || status == "running" {
            throw PositionedMessage(description: "cannot close a \(status) coroutine")
        }
        let stack = call.stack
        stack.top = 1
        stack.pushValue(at: call.upvalueIndex(1))
        stack.insert(at: 1)
        try stack.call(arguments: 1, results: LuaStack.allResults)
        return .values(stack.top)
    }

    /// `coroutine.status` of the thread at argument 1, tasks and host waits counting as normal.
    private static func statusName(_ call: LuaCall, rawStatus: Int32, _ scheduler: CoroutineScheduler?) throws -> String {
        guard let thread = call.stack.thread(at: 1) else { throw call.typeError(1, expected: "thread") }
        if scheduler?.isInHostWait(thread.pointer) == true { return "normal" }
        let stack = call.stack
        stack.pushValue(at: rawStatus)
        stack.pushValue(at: 1)
        try stack.call(arguments: 1, results: 1)
        let raw = stack.string(at: -1) ?? "dead"
        stack.pop()
        if raw == "suspended" && scheduler?.isTask(thread.pointer) == true { return "normal" }
        return raw
    }

    // MARK: Passing host yields through

    /// Resumes the coroutine at `coroutine` (an index or upvalue index) with the top
    /// `arguments` values through the raw `resume` at `rawResume`, passing host yields up to
    /// the scheduler or waiting for them here, and calls `finish` with the raw results (true
    /// and the values, or false and the error) sitting above `base`.
    private static func resumePassingHostYields(
        _ call: LuaCall, coroutine: Int32, rawResume: Int32, arguments: Int32, scheduler: CoroutineScheduler?,
        finish: @escaping (LuaCall, Int32) throws -> LuaReturn
    ) throws -> LuaReturn {
        let stack = call.stack
        let base = stack.top - arguments
        var arguments = arguments
        while true {
            stack.ensureCapacity(3)
            stack.pushValue(at: rawResume)
            stack.insert(at: base + 1)
            stack.pushValue(at: coroutine)
            stack.insert(at: base + 2)
            try stack.call(arguments: arguments + 1, results: LuaStack.allResults)
            guard let scheduler, stack.top - base == 3, stack.bool(at: base + 1),
                stack.lightUserdata(at: base + 2) == CoroutineScheduler.hostYieldMarker,
                let operation = stack.integer(at: base + 3), let thread = stack.thread(at: coroutine)
            else { return try finish(call, base) }
            stack.top = base
            arguments = 0
            if scheduler.isRunning && stack.isYieldable {
                scheduler.enterHostWait(thread.pointer)
                stack.push(lightUserdata: CoroutineScheduler.hostYieldMarker)
                stack.push(operation)
                return .yield(2) { call, _ in
                    scheduler.leaveHostWait(thread.pointer)
                    call.stack.top = base
                    return try resumePassingHostYields(
                        call, coroutine: coroutine, rawResume: rawResume, arguments: 0, scheduler: scheduler, finish: finish)
                }
            }
            scheduler.block(onOperation: Int(operation), thread: stack)
        }
    }
}
