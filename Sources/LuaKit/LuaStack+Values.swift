import CLua

/// Why a Lua value could not be copied into a ``LuaValue``.
public struct LuaValueConversionError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Copying whole values, tables included, between Lua and Swift.
extension LuaStack {
    /// Pushes a copy of a Swift value tree (tables are built fresh).
    public func push(_ value: LuaValue) {
        ensureCapacity(3)
        switch value {
        case .nil: pushNil()
        case .boolean(let b): push(b)
        case .integer(let i): push(i)
        case .number(let d): push(d)
        case .string(let bytes): push(bytes: bytes)
        case .array(let items):
            newTable(arrayCapacity: items.count)
            for (offset, item) in items.enumerated() {
                push(item)
                rawSet(at: -2, index: Int64(offset + 1))
            }
        case .table(let fields):
            newTable(fieldCapacity: fields.count)
            for (key, item) in fields where key != .nil {
                if case .number(let d) = key, d.isNaN { continue }
                push(key)
                push(item)
                _ = rawSet(at: -3)
            }
        }
    }

    /// Pushes a Swift array as a sequence.
    public func push(_ values: [LuaValue]) { push(LuaValue.array(values)) }

    /// Pushes a Swift dictionary as a table with string keys.
    public func push(_ fields: [String: LuaValue]) {
        newTable(fieldCapacity: fields.count)
        for (key, item) in fields {
            push(item)
            rawSet(at: -2, key)
        }
    }

    /// Copies the value at `index` into Swift (raw reads: metamethods are ignored).
    /// Throws for functions, userdata, threads, cycles and nesting deeper than `maxDepth`.
    public func value(at index: Int32, maxDepth: Int = 200) throws(LuaValueConversionError) -> LuaValue {
        var visiting: Set<UnsafeRawPointer> = []
        return try value(at: absolute(index), depth: maxDepth, visiting: &visiting)
    }

    private func value(at index: Int32, depth: Int, visiting: inout Set<UnsafeRawPointer>) throws(LuaValueConversionError) -> LuaValue {
        switch type(at: index) {
        case .none, .nil: return .nil
        case .boolean: return .boolean(bool(at: index))
        case .number:
            if isInteger(at: index) { return .integer(lua_tointegerx(L, index, nil)) }
            return .number(lua_tonumberx(L, index, nil))
        case .string: return .string(bytes(at: index) ?? [])
        case .table:
            guard depth > 0 else { throw LuaValueConversionError(description: "table nested too deeply") }
            let identity = identity(at: index)!
            guard visiting.insert(identity).inserted else {
                throw LuaValueConversionError(description: "table contains itself")
            }
            defer { visiting.remove(identity) }
            ensureCapacity(3)
            var fields: [LuaValue: LuaValue] = [:]
            var maxIndex: Int64 = 0
            var allPositiveIntegers = true
            pushNil()
            while next(at: index) {
                let key: LuaValue
                let item: LuaValue
                do {
                    key = try value(at: absolute(-2), depth: depth - 1, visiting: &visiting)
                    item = try value(at: absolute(-1), depth: depth - 1, visiting: &visiting)
                } catch {
                    pop(2)
                    throw error
                }
                if case .integer(let i) = key, i > 0 { maxIndex = max(maxIndex, i) } else { allPositiveIntegers = false }
                fields[key] = item
                pop()
            }
            if allPositiveIntegers && !fields.isEmpty && maxIndex == Int64(fields.count) {
                return .array((1...maxIndex).map { fields[.integer($0)]! })
            }
            return .table(fields)
        default:
            throw LuaValueConversionError(description: "cannot copy a \(typeName(at: index)) value into Swift")
        }
    }
}
