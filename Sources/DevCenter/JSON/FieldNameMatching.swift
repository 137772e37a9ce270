/// Field names matched as the service matches them: without case. Its documentation's own
/// create-product sample sends `ProductName`; the hardware API reads it as `productName`.
public enum FieldNameMatching {
    /// A field given twice, in two spellings that match the same name.
    public struct Conflict: Error, Sendable, Hashable {
        /// The field as documented.
        public var name: String
        /// The two keys given.
        public var first: String
        public var second: String

        public init(name: String, first: String, second: String) {
            self.name = name
            self.first = first
            self.second = second
        }
    }

    /// `members` with each key that names one of `fields` in another case written as the field
    /// is (`ProductName` becomes `productName`); other keys are left as they are. Throws when two
    /// keys name the same field.
    public static func canonical(_ members: [String: JSONValue], fields: some Collection<String>) throws(Conflict) -> [String: JSONValue] {
        var byLowercase: [String: String] = [:]
        for name in fields { byLowercase[name.lowercased()] = name }
        var out: [String: JSONValue] = [:]
        var given: [String: String] = [:]
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            let name = byLowercase[key.lowercased()] ?? key
            if let other = given[name] { throw Conflict(name: name, first: other, second: key) }
            given[name] = key
            out[name] = value
        }
        return out
    }
}
