/// One parameter of a documented function.
public struct LuaParameterDoc: Sendable, Hashable {
    /// The name the documentation uses (`product_id`).
    public var name: String
    /// Its type in lua-language-server's notation: `integer`, `string`, `table`, `hdc.Submission`,
    /// `integer|hdc.Submission`, `fun(change: hdc.WaitChange)`.
    public var type: String
    public var isOptional: Bool
    /// One sentence; for an options table, the options and their defaults.
    public var description: String

    public init(_ name: String, _ type: String, optional: Bool = false, _ description: String) {
        self.name = name
        self.type = type
        self.isOptional = optional
        self.description = description
    }
}
