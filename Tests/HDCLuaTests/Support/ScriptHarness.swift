import DevCenter
import DevCenterTestSupport
import Foundation
import HDCLua
import LuaKit

/// A Lua state with the `hdc` module installed, whose default client answers from an in-memory
/// transport: for running chunks under the scheduler without a server.
///
/// The state lives on a thread of its own, as in the interpreter: the scheduler sleeps on its
/// thread while Swift work runs on the cooperative pool, which tests must not block. Use the
/// static helpers from async tests; they return plain values to check.
final class ScriptHarness {
    /// How a chunk failed.
    struct Failure: Sendable {
        let message: String
        let kind: String?
    }

    let state: LuaState
    let runtime: HDCRuntime
    let transport: InMemoryTransport

    static let notFound: InMemoryTransport.Handler = { _ in
        .json(404, ["error": ["code": "entityNotFound", "message": "nothing here"]])
    }

    init(_ answer: @escaping InMemoryTransport.Handler = notFound, emulator: EmulatorEndpoints? = nil) throws {
        state = try LuaState()
        transport = InMemoryTransport(answer)
        let configuration = HDCConfiguration(
            connection: ConnectionOptions(accessToken: Secret("token-for-tests-0123456789"), baseURL: "https://hdc.example/v2.0/my/hardware"),
            environment: ["OTHER_TOKEN": "other-token-for-tests-0123456789"], emulator: emulator, transport: transport)
        runtime = HDCRuntime(state: state, configuration: configuration)
        runtime.install()
    }

    deinit { state.close() }

    /// Runs `code` as a script's main chunk under the scheduler; its first result as text.
    func text(_ code: String) throws(LuaError) -> String {
        let stack = state.stack
        stack.top = 0
        try stack.load(code, chunkName: "=test")
        try runtime.scheduler.call(on: stack, arguments: 0, results: 1)
        defer { stack.top = 0 }
        return stack.describe(at: 1)
    }

    /// How `code` fails, or nil when it does not.
    func failure(_ code: String) -> Failure? {
        do {
            _ = try text(code)
            return nil
        } catch {
            var kind: String?
            if let value = error.value {
                state.stack.push(value)
                kind = HDCError.kind(ofValueAt: -1, on: state.stack)?.rawValue
                state.stack.pop()
                state.stack.release(value)
            }
            return Failure(message: error.message, kind: kind)
        }
    }

    // MARK: On a thread of its own

    /// Runs `body` with a new harness on a new thread and returns what it returns.
    static func on<T: Sendable>(
        answer: @escaping InMemoryTransport.Handler = notFound, emulator: EmulatorEndpoints? = nil,
        _ body: @escaping @Sendable (ScriptHarness) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body(ScriptHarness(answer, emulator: emulator)) })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The first result of `code`, as text.
    static func text(_ code: String, answer: @escaping InMemoryTransport.Handler = notFound) async throws -> String {
        try await on(answer: answer) { try $0.text(code) }
    }

    /// How `code` fails (nil when it does not).
    static func failure(_ code: String, answer: @escaping InMemoryTransport.Handler = notFound) async throws -> Failure? {
        try await on(answer: answer) { $0.failure(code) }
    }

    /// Defines the global `interrupt()`, which requests an interrupt of the running call as
    /// Ctrl-C does: a script says when it has reached the point the test is about, instead of
    /// the test guessing how long that takes.
    func defineInterrupt() {
        let handle = runtime.scheduler.interruptHandle
        state.stack.push(function: { _ in
            handle.request()
            return .none
        })
        state.stack.setGlobal("interrupt")
    }
}
