/// Where named profiles come from. DevCenter does not read the Lua profile file itself: the
/// interpreter implements this protocol on top of it, and tests use a double.
public protocol ProfileSource: Sendable {
    /// Where the profiles live, for messages (`~/.config/hwsubmit/config.lua`).
    var location: String { get }

    /// The profile called `name`; when `name` is `nil`, the source's default profile, if it has one.
    /// Returns `nil` when there is no such profile; throws when the source cannot be read.
    func profile(named name: String?) throws -> Profile?

    /// The names of all profiles, for messages that list them.
    func profileNames() throws -> [String]
}
