/// How ``LuaStack/encodeJSON(at:options:)`` lays out its text.
public struct LuaJSONEncodeOptions: Sendable {
    /// Spaces per nesting level; 0 writes compact text on one line.
    public var indent: Int
    /// Writes object keys in byte order (stable output for diffs and tests).
    public var sortKeys: Bool

    public init(indent: Int = 0, sortKeys: Bool = false) {
        self.indent = indent
        self.sortKeys = sortKeys
    }
}
