/// A Lua error seen from Swift: a failed load, protected call or coroutine resume.
///
/// `message` is the error object as text (a string error as it is; an object through its
/// `__tostring`). When the error object is not a string (a table raised by `error{...}`,
/// a service error object), ``value`` refers to the very object, so the host can read
/// fields such as `code`: push it with ``LuaStack/push(_:)-(LuaRef)`` and release it when done.
public struct LuaError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure Lua reported.
    public enum Kind: Sendable, Equatable {
        /// A runtime error (`LUA_ERRRUN`).
        case runtime
        /// A syntax error while loading a chunk (`LUA_ERRSYNTAX`).
        case syntax
        /// An allocation was refused (`LUA_ERRMEM`): the memory limit, or the system.
        case memory
        /// The message handler itself failed (`LUA_ERRERR`).
        case messageHandler
        /// A file could not be opened or read (`LUA_ERRFILE`).
        case file
    }

    public let kind: Kind
    /// The error as text.
    public let message: String
    /// `stack traceback:` and the frames where the error was raised, when known.
    public let traceback: String?
    /// The error object itself, when it is not a string.
    public let value: LuaRef?

    public init(kind: Kind, message: String, traceback: String? = nil, value: LuaRef? = nil) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
        self.value = value
    }

    /// The message followed by the traceback, as `lua` prints an uncaught error.
    public var messageWithTraceback: String {
        guard let traceback, !traceback.isEmpty else { return message }
        return message + "\n" + traceback
    }

    public var description: String { message }

    static func kind(ofStatus status: Int32) -> Kind {
        switch status {
        case 3: .syntax
        case 4: .memory
        case 5: .messageHandler
        case 6: .file
        default: .runtime
        }
    }
}
