import DevCenter
import LuaKit

/// The `hdc` Lua module: the Hardware Dev Center API as Lua bindings.
public enum HDCModule {
    public static let name = "hdc"
}
