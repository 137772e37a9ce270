import LuaKit

/// What `hwsubmit -v` and the REPL banner say.
enum HWSubmitRelease {
    /// `hwsubmit 0.1.0 (Lua 5.4.4)`.
    static var banner: String { "hwsubmit \(HWSubmitVersion.string) (\(LuaState.release))" }
}
