/// A documented kind of value functions take or return (`hdc.Submission`, `hdc.Error`,
/// `hdc.Task`): its fields, and for objects with methods the functions that are its methods.
public struct LuaClassDoc: Sendable, Hashable {
    /// The qualified name types refer to: `hdc.Error`.
    public var name: String
    public var summary: String
    public var fields: [LuaFieldDoc]
    /// Whether the value may hold fields beyond the documented ones (service resources keep
    /// every field the service sent).
    public var isOpen: Bool

    public init(_ name: String, _ summary: String, fields: [LuaFieldDoc] = [], isOpen: Bool = false) {
        self.name = name
        self.summary = summary
        self.fields = fields
        self.isOpen = isOpen
    }
}
