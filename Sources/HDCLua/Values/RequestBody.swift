import DevCenter
import LuaKit

/// A script's table turned into the JSON body of a request, its known fields checked against
/// a ``RequestShape``. Problems become Lua's bad-argument errors naming the field:
/// `bad argument #1 to 'create_product' (field 'productName': string expected, got number)`.
///
/// The table is encoded once (by the JSON bridge) and parsed once, to be checked; the client
/// sends those bytes. Only when the check changes the value (a default added, an empty table
/// read as an array, a whole float as an integer) is the checked value written out instead.
enum RequestBody {
    /// A problem at a field; `path` is empty for the argument itself.
    struct Problem: Error {
        let path: String
        let text: String

        func argumentError(_ argument: Int32) -> LuaArgumentError {
            LuaArgumentError(argument: argument, message: path.isEmpty ? text : "field '\(path)': \(text)")
        }
    }

    /// Reads the table at stack index `argument` as a body of `shape`. A limit or an interrupt
    /// that stops the encoding is thrown as it is (a `LuaWorkStopped`).
    static func read(_ stack: LuaStack, argument: Int32, shape: RequestShape) throws -> JSONBody {
        guard stack.type(at: argument) == .table else {
            throw LuaArgumentError(argument: argument, message: "table expected, got \(stack.typeName(at: argument))")
        }
        let bytes: [UInt8]
        do {
            bytes = try stack.encodeJSON(at: argument)
        } catch {
            if let stop = error.stop { throw stop }
            let path = error.path.hasPrefix(".") ? String(error.path.dropFirst()) : error.path
            throw Problem(path: path, text: error.reason).argumentError(argument)
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            throw LuaArgumentError(argument: argument, message: "cannot be read as JSON: \(error)")
        }
        var changed = false
        let checked: JSONValue
        do {
            checked = try check(value, shape: shape, path: "", changed: &changed)
        } catch {
            throw error.argumentError(argument)
        }
        return changed ? JSONBody(checked) : JSONBody(value: checked, encoded: bytes)
    }

    /// `value` checked against `shape`, normalised: an empty table where an array is expected
    /// is an empty array, a whole float where an integer is expected is an integer, an absent
    /// field with a default has it. `changed` becomes true when any of that changed the value.
    static func check(_ value: JSONValue, shape: RequestShape, path: String, changed: inout Bool) throws(Problem) -> JSONValue {
        if value == .null { return value }
        func expected() -> Problem {
            Problem(path: path, text: "\(shape.expectedName) expected, got \(luaTypeName(value))")
        }
        switch shape {
        case .any:
            return value
        case .string:
            guard case .string = value else { throw expected() }
            return value
        case .boolean:
            guard case .bool = value else { throw expected() }
            return value
        case .number:
            switch value {
            case .integer, .number: return value
            default: throw expected()
            }
        case .integer:
            switch value {
            case .integer: return value
            case .number(let d):
                guard d.rounded() == d, abs(d) < 9.2e18 else { throw Problem(path: path, text: "number has no integer representation") }
                changed = true
                return .integer(Int64(d))
            default: throw expected()
            }
        case .array(let item):
            switch value {
            case .object(let members) where members.isEmpty:
                changed = true
                return .array([])
            case .array(let items):
                var checked: [JSONValue] = []
                checked.reserveCapacity(items.count)
                for (i, element) in items.enumerated() {
                    checked.append(try check(element, shape: item, path: "\(path)[\(i + 1)]", changed: &changed))
                }
                return .array(checked)
            default:
                throw expected()
            }
        case .map(let item):
            switch value {
            case .array(let items) where items.isEmpty:
                changed = true
                return .object([:])
            case .object(let members):
                var checked: [String: JSONValue] = [:]
                for (key, element) in members { checked[key] = try check(element, shape: item, path: join(path, key), changed: &changed) }
                return .object(checked)
            default:
                throw expected()
            }
        case .object(let fields, let required, let defaults):
            var members: [String: JSONValue]
            switch value {
            case .object(let m):
                members = try canonicalNames(m, fields: fields, path: path)
                // A field renamed to its documented spelling changes what is sent.
                if members.count != m.count || members.keys.contains(where: { m[$0] == nil }) { changed = true }
            case .array(let items) where items.isEmpty:
                members = [:]
                changed = true
            default: throw expected()
            }
            for name in required where members[name] == nil {
                let fieldShape = fields[name] ?? .any
                throw Problem(path: join(path, name), text: "\(fieldShape.expectedName) expected, got nil")
            }
            for (key, element) in members {
                if let fieldShape = fields[key] {
                    members[key] = try check(element, shape: fieldShape, path: join(path, key), changed: &changed)
                }
            }
            for (key, value) in defaults where members[key] == nil {
                members[key] = value
                changed = true
            }
            return .object(members)
        }
    }

    /// `members` with each key that names a known field in another case (`ProductName`) written
    /// as the field is documented (`productName`): the service matches field names without case.
    private static func canonicalNames(
        _ members: [String: JSONValue], fields: [String: RequestShape], path: String
    ) throws(Problem) -> [String: JSONValue] {
        guard members.keys.contains(where: { fields[$0] == nil }) else { return members }
        do {
            return try FieldNameMatching.canonical(members, fields: fields.keys)
        } catch {
            throw Problem(path: join(path, error.name), text: "given twice, as '\(error.first)' and '\(error.second)'")
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    /// The Lua type a JSON value came from, as Lua's messages name it.
    private static func luaTypeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array, .object: "table"
        }
    }
}
