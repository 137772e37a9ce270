import DevCenter
import LuaKit

/// The `hdc` module: the Hardware Dev Center API as Lua functions, the scheduler's functions
/// (`spawn`, `parallel`, `sleep`), clients, JSON, and the emulator's admin functions under
/// `--emulator`.
///
/// Every function is an ``HDCBinding`` (its documentation and its body); ``bindings`` is the
/// one list the module, `hdc.Client` methods, `hwsubmit doc`, the generated reference and the
/// editor annotations are all made from.
public enum HDCModule {
    public static let name = "hdc"

    /// Every binding, in the order the reference lists them.
    static var bindings: [HDCBinding] {
        productBindings + submissionBindings + transferBindings + shippingLabelBindings + taskBindings + clientBindings
            + valueBindings + reportingBindings + jsonBindings + emulatorBindings
    }

    /// Binds the module's functions and fields into the table at `table`, leaving alone any a
    /// script set already.
    static func fill(tableAt table: Int32, on stack: LuaStack, runtime: HDCRuntime) {
        stack.ensureCapacity(8)
        func setIfAbsent(_ key: String, _ push: () -> Void) {
            let absent = stack.rawGet(at: table, key) == .nil
            stack.pop()
            guard absent else { return }
            push()
            stack.rawSet(at: table, key)
        }
        for binding in bindings where binding.doc.module == name && !binding.doc.isMethod {
            setIfAbsent(binding.doc.name) { push(binding, on: stack, runtime: runtime) }
        }
        setIfAbsent("json") { pushLibrary(named: "hdc.json", on: stack, runtime: runtime) }
        setIfAbsent("null") { stack.pushJSONNull() }
        setIfAbsent("Error") { ErrorMetatable.push(on: stack) }
        setIfAbsent("version") { stack.push(HWSubmitVersion.string) }
        if runtime.configuration.emulator != nil {
            setIfAbsent("emulator") { pushLibrary(named: "hdc.emulator", on: stack, runtime: runtime) }
        }
    }

    /// Pushes a table of the bindings of `module`.
    static func pushLibrary(named module: String, on stack: LuaStack, runtime: HDCRuntime) {
        let members = bindings.filter { $0.doc.module == module }
        stack.newTable(fieldCapacity: members.count + 1)
        for binding in members {
            push(binding, on: stack, runtime: runtime)
            stack.rawSet(at: -2, binding.doc.name)
        }
        if module == "hdc.json" {
            stack.pushJSONNull()
            stack.rawSet(at: -2, "null")
        }
        if module == "hdc.emulator", let emulator = runtime.configuration.emulator {
            stack.push(emulator.adminURL)
            stack.rawSet(at: -2, "admin_url")
            stack.push(emulator.baseURL)
            stack.rawSet(at: -2, "base_url")
        }
        // `require "hdc.json"` returns it, and error messages name its functions `hdc.json.encode`.
        stack.pushRegistry()
        if stack.rawGet(at: -1, "_LOADED") == .table {
            stack.pushValue(at: -3)
            stack.rawSet(at: -2, module)
        }
        stack.pop(2)
    }

    /// Pushes a binding as a function of the module (no `self`).
    static func push(_ binding: HDCBinding, on stack: LuaStack, runtime: HDCRuntime) {
        weak let weakRuntime = runtime
        let body = binding.body
        let gate = SandboxGate(binding.doc)
        stack.push(function: { call in
            guard let runtime = weakRuntime else { throw HDCError.script("hwsubmit: the hdc module's runtime has ended") }
            try gate?.check(call.stack, transferURLs: runtime.transferURLs)
            return try body(BindingCall(call: call, offset: 0, runtime: runtime, clientObject: nil))
        })
    }

    /// `hdc.Client`: the service functions as methods, on the object's own client.
    static func clientType(runtime: HDCRuntime) -> LuaUserdataType<ScriptClient> {
        weak let weakRuntime = runtime
        var type = LuaUserdataType<ScriptClient>(name: "hdc.Client", toString: { $0.label })
        type.methods = bindings.filter(\.doc.isClientMethod).map { binding in
            let body = binding.body
            let gate = SandboxGate(binding.doc)
            return LuaFunctionEntry(binding.doc.name) { call in
                guard let runtime = weakRuntime else { throw HDCError.script("hwsubmit: the hdc module's runtime has ended") }
                try gate?.check(call.stack, offset: 1, transferURLs: runtime.transferURLs)
                let client = try call.userdata(1, of: runtime.clientType)
                return try body(BindingCall(call: call, offset: 1, runtime: runtime, clientObject: client))
            }
        }
        return type
    }

    /// `hdc.Task`: `wait`, `cancel`, `status`; closing it (`<close>`) cancels it.
    static func taskType(runtime: HDCRuntime) -> LuaUserdataType<ScriptTask> {
        weak let weakRuntime = runtime
        var type = LuaUserdataType<ScriptTask>(
            name: "hdc.Task", toString: { "hdc.Task(#\($0.id), \($0.status.rawValue))" },
            close: { task in weakRuntime?.scheduler.cancel(task, error: .cancelled("task #\(task.id) was closed")) })
        type.methods = bindings.filter { $0.doc.module == "hdc.Task" }.map { binding in
            let body = binding.body
            return LuaFunctionEntry(binding.doc.name) { call in
                guard let runtime = weakRuntime else { throw HDCError.script("hwsubmit: the hdc module's runtime has ended") }
                return try body(BindingCall(call: call, offset: 1, runtime: runtime, clientObject: nil))
            }
        }
        return type
    }
}
