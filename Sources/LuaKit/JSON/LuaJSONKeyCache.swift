import CLua

/// The JSON decoder's cache of recently seen object keys, one per state for its whole life:
/// the keys of a list of like objects are found without Lua hashing and interning each
/// again, and a small document pays nothing to set the cache up.
///
/// Each slot holds the bytes and length of an interned Lua string; the strings themselves
/// sit in a registry table (slot + 1 → string), which keeps them, and so their bytes, alive
/// until the slot is reused. A slot's entry and its string change together, so a decode that
/// runs inside another (from a finalizer) leaves the cache consistent.
final class LuaJSONKeyCache {
    typealias Entry = (bytes: UnsafeRawPointer?, count: Int)

    static let size = 64
    /// Longer keys are not cached: Lua interns only strings up to this length.
    static let maxKeyLength = 40

    let entries: UnsafeMutablePointer<Entry>
    let table: LuaRef

    init(stack: LuaStack) {
        entries = .allocate(capacity: Self.size)
        entries.initialize(repeating: (nil, 0), count: Self.size)
        stack.newTable(arrayCapacity: Self.size)
        table = stack.ref()
    }

    deinit { entries.deallocate() }

    /// The slot for a key of `count` bytes (1 to ``maxKeyLength``) starting at `first`.
    @inline(__always)
    static func slot(first: UnsafePointer<UInt8>, count: Int) -> Int {
        (count &* 31 &+ Int(first.pointee) &* 7 &+ Int(first[count - 1])) & (size - 1)
    }
}
