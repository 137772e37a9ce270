/// One value a documented function returns.
public struct LuaReturnDoc: Sendable, Hashable {
    /// Its type in lua-language-server's notation (`hdc.Product`, `hdc.Product|nil`).
    public var type: String
    /// A name for it in signatures (`product`), when that helps.
    public var name: String?
    public var description: String

    public init(_ type: String, name: String? = nil, _ description: String) {
        self.type = type
        self.name = name
        self.description = description
    }
}
