import LuaKit

/// How a binding uses a path it is given.
enum PathUse {
    /// It reads the file or directory (or asks about it).
    case read
    /// It creates or writes the file or directory.
    case write
    /// It removes or renames the directory entry itself (a link, not what it leads to).
    case entry
}

/// A path argument: as the script gave it (for messages and results) and as the binding
/// opens it (the resolved path a sandbox approved; the same text outside a sandbox).
struct PathArgument {
    let given: String
    let opened: String
}

extension BindingCall {
    /// The path argument `n`, read once for both the sandbox's check and the binding's use.
    ///
    /// A string, or a number (converted as Lua's `tostring` spells it, as `luaL_checkstring`
    /// does); anything else, a string with a zero byte or one that is not UTF-8 is refused as a
    /// bad argument. In a sandbox the path must lie inside a granted directory for `use`
    /// (`LuaPathConfinement`: made absolute, `..` applied, links followed), and the binding
    /// opens the resolved path the check approved (``PathArgument/opened``): exactly what was
    /// checked.
    func path(_ n: Int32, _ use: PathUse) throws -> PathArgument {
        let argument = index(n)
        let text = try call.withBytes(argument) { bytes throws(LuaArgumentError) -> String in
            guard !bytes.contains(0) else { throw LuaArgumentError(argument: argument, message: "a path cannot contain a zero byte") }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw LuaArgumentError(argument: argument, message: "a path must be UTF-8")
            }
            return text
        }
        guard let context = stack.state.sandboxContext(for: stack) else { return PathArgument(given: text, opened: text) }
        switch use {
        case .read: return PathArgument(given: text, opened: try context.checkRead(text))
        case .write: return PathArgument(given: text, opened: try context.checkWrite(text))
        case .entry: return PathArgument(given: text, opened: try context.checkEntry(text))
        }
    }
}
