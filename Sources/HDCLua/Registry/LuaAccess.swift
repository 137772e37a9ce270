/// What a documented function does to the service: what a sandbox policy decides on (a run
/// without `--allow-submit` may call `read` and `local` functions only).
public enum LuaAccess: String, Sendable, Hashable, CaseIterable {
    /// Reads from the service (lists, gets, waits, downloads).
    case read
    /// Changes something at the service (creates, updates, commits, uploads, cancels, asks for
    /// driver metadata), or in the emulator's state.
    case write
    /// Does not touch the service (JSON, tasks, the clock).
    case local
}
