/// A documented value that is not a function: a module's field (`hdc.null`), or a field of a
/// documented class (`hdc.Error.code`).
public struct LuaFieldDoc: Sendable, Hashable {
    public var name: String
    /// Its type in lua-language-server's notation.
    public var type: String
    public var description: String

    public init(_ name: String, _ type: String, _ description: String) {
        self.name = name
        self.type = type
        self.description = description
    }
}
