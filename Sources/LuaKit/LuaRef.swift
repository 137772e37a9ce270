/// A reference to a Lua value held in the registry (`luaL_ref`), so Swift can keep a value
/// alive and push it again later.
///
/// A plain number: it does not release itself. Release it with ``LuaStack/release(_:)``
/// when done; every reference dies with its ``LuaState``. Only meaningful for the state
/// that made it.
public struct LuaRef: Hashable, Sendable {
    /// The registry index `luaL_ref` returned.
    public let index: Int32

    init(index: Int32) {
        self.index = index
    }
}
