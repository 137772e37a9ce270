import DevCenter
import LuaKit

extension LuaStack {
    /// Pushes a value the service sent as plain Lua: objects and arrays become tables (empty
    /// ones marked, so they encode back as they came), integers stay exact 64-bit integers, and
    /// `null` is `hdc.null` (the JSON bridge's sentinel). `hdc.json.encode` of the result gives
    /// the same JSON back.
    public func push(json value: JSONValue) {
        ensureCapacity(4)
        switch value {
        case .null: pushJSONNull()
        case .bool(let b): push(b)
        case .integer(let i): push(i)
        case .number(let d): push(d)
        case .string(let s): push(s)
        case .array(let items):
            newTable(arrayCapacity: items.count)
            if items.isEmpty { markAsJSONArray(at: -1) }
            for (offset, item) in items.enumerated() {
                push(json: item)
                rawSet(at: -2, index: Int64(offset + 1))
            }
        case .object(let members):
            newTable(fieldCapacity: members.count)
            if members.isEmpty { markAsJSONObject(at: -1) }
            for (key, item) in members {
                push(json: item)
                rawSet(at: -2, key)
            }
        }
    }
}
