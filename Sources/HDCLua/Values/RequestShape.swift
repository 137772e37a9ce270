import DevCenter

/// What a field of a request body must hold: checked when a script's table becomes the JSON
/// the service receives, so a mistake is reported as a bad argument naming the field.
///
/// Only types are checked; values (an unknown device type, an OS code) are the service's to
/// judge, so a request the service learns to accept keeps working. Fields a shape does not
/// name pass through unchecked.
indirect enum RequestShape: Sendable {
    case string
    case boolean
    case integer
    case number
    /// A sequence whose items have the shape (an empty table is an empty array).
    case array(RequestShape)
    /// An object whose every value has the shape (string keys).
    case map(RequestShape)
    /// An object with known fields (and any others), some required, some given a value when
    /// absent (the defaults the service's documentation and the DevCenter models use).
    case object([String: RequestShape], required: [String] = [], defaults: [String: JSONValue] = [:])
    /// Anything JSON can hold.
    case any

    /// How Lua's error messages name what was expected.
    var expectedName: String {
        switch self {
        case .string: "string"
        case .boolean: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .array: "array (table)"
        case .map, .object: "table"
        case .any: "value"
        }
    }

    /// The shape of a known field, when this is an object that names it.
    func field(_ name: String) -> RequestShape? {
        if case .object(let fields, _, _) = self { return fields[name] }
        if case .map(let value) = self { return value }
        return nil
    }
}
