import CLua

/// The version of the Lua library this process runs, as `lua -v` prints it.
public enum LuaVersion {
    public static var release: String { String(cString: hws_lua_release()) }
}
