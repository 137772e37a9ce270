import DevCenter
import LuaKit

/// What a binding's body works with: the Lua call, where its arguments start (after `self`
/// for a method of an `hdc.Client`), the client to use and the runtime.
///
/// Argument numbers are the documented ones (1 is the first argument after `self`); errors
/// report the stack position, which Lua adjusts for method calls, so `client:product("x")`
/// and `hdc.product("x")` both say `bad argument #1 to 'product'`.
struct BindingCall {
    let call: LuaCall
    /// 1 when called as a method (self at 1), else 0.
    let offset: Int32
    let runtime: HDCRuntime
    /// The client of `self` for a method; nil for the module's functions (the default client).
    let clientObject: ScriptClient?

    var stack: LuaStack { call.stack }

    /// The stack index of argument `n`.
    func index(_ n: Int32) -> Int32 { n + offset }

    func isAbsent(_ n: Int32) -> Bool { call.isAbsent(index(n)) }

    /// The client to talk to: `self`'s, or the run's default one (made on first use).
    func client() throws -> ScriptClient {
        if let clientObject { return clientObject }
        return try runtime.defaultClient()
    }

    // MARK: Arguments

    /// An ID: an integer, or a string of digits (as `arg` gives them).
    func id(_ n: Int32) throws(LuaArgumentError) -> Int64 {
        try call.integer(index(n))
    }

    func string(_ n: Int32) throws(LuaArgumentError) -> String {
        guard stack.type(at: index(n)) == .string else { throw call.typeError(index(n), expected: "string") }
        return stack.string(at: index(n)) ?? ""
    }

    func function(_ n: Int32) throws(LuaArgumentError) {
        try call.function(index(n))
    }

    /// The options table at argument `n`, or nil when the argument is absent or nil.
    func options(_ n: Int32) throws(LuaArgumentError) -> OptionsTable? {
        if isAbsent(n) { return nil }
        try call.table(index(n))
        return OptionsTable(stack: stack, index: index(n))
    }

    /// A request body at argument `n`, checked against `shape`, with the bytes to send. A limit
    /// or an interrupt that stops the encoding is thrown as it is (a `LuaWorkStopped`).
    func body(_ n: Int32, _ shape: RequestShape) throws -> JSONBody {
        try RequestBody.read(stack, argument: index(n), shape: shape)
    }

    /// A submission named by argument `n`: a submission table (its `productId` and `id`), or
    /// a product ID and a submission ID as arguments `n` and `n + 1`. Also returns the number of
    /// the argument after it.
    func submission(_ n: Int32) throws(LuaArgumentError) -> (productID: Int64, submissionID: Int64, next: Int32) {
        if stack.type(at: index(n)) == .table {
            let table = OptionsTable(stack: stack, index: index(n))
            return (try table.requiredID("productId"), try table.requiredID("id"), n + 1)
        }
        return (try id(n), try id(n + 1), n + 2)
    }

    /// A shipping label named by argument `n`: a label table (`productId`, `submissionId`,
    /// `id`), or three IDs as arguments `n`, `n + 1`, `n + 2`.
    func label(_ n: Int32) throws(LuaArgumentError) -> (productID: Int64, submissionID: Int64, labelID: Int64, next: Int32) {
        if stack.type(at: index(n)) == .table {
            let table = OptionsTable(stack: stack, index: index(n))
            return (try table.requiredID("productId"), try table.requiredID("submissionId"), try table.requiredID("id"), n + 1)
        }
        return (try id(n), try id(n + 1), try id(n + 2), n + 3)
    }

    // MARK: Waiting for the service

    /// Runs `work` with the client, yielding to the scheduler (or waiting) meanwhile, then
    /// `deliver` pushes the results. A failure raises an `hdc.Error`.
    func perform<Value: Sendable>(
        _ work: @escaping @Sendable (DevCenterClient) async throws -> Value,
        deliver: @escaping (LuaCall, Value) throws -> LuaReturn
    ) throws -> LuaReturn {
        let client = try self.client().client
        return try runtime.perform(call, { try await work(client) }, deliver: deliver)
    }

    /// ``perform(_:deliver:)`` for a call answered with a submission: the transfer URLs it holds
    /// are recorded as the service's own (a sandbox transfers only to those), and it is returned
    /// as a table.
    func performReturningSubmission(
        _ work: @escaping @Sendable (DevCenterClient) async throws -> Submission
    ) throws -> LuaReturn {
        let ledger = runtime.transferURLs
        return try perform(work) { call, submission in
            ledger.record(submission.json)
            return returning(submission.json, call)
        }
    }
}
