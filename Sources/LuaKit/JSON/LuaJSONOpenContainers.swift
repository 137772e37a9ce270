/// One array or object the decoder has opened and not yet closed.
struct LuaJSONOpenContainer {
    /// The stack top before its first value: staged values sit above it, and the finished
    /// table takes slot `base + 1`.
    let base: Int32
    let isObject: Bool
    /// Elements (or key/value pairs) read so far.
    var count: Int32 = 0
    /// The table's stack index once it exists and fills as values come (0 while staging).
    var table: Int32 = 0

    init(base: Int32, isObject: Bool) {
        self.base = base
        self.isObject = isObject
    }
}

/// The decoder's stack of open containers, innermost on top: heap memory that grows with the
/// document's nesting, in place of the C stack a recursive parser would use.
struct LuaJSONOpenContainers: ~Copyable {
    private var items: UnsafeMutablePointer<LuaJSONOpenContainer>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 32
        items = .allocate(capacity: capacity)
    }

    deinit { items.deallocate() }

    var isEmpty: Bool {
        @inline(__always) get { count == 0 }
    }

    /// The innermost open container (the stack must not be empty).
    var top: LuaJSONOpenContainer {
        @inline(__always) get { items[count - 1] }
        @inline(__always) _modify { yield &items[count - 1] }
    }

    @inline(__always)
    mutating func push(_ container: LuaJSONOpenContainer) {
        if count == capacity { grow() }
        (items + count).initialize(to: container)
        count += 1
    }

    @inline(__always)
    mutating func pop() { count -= 1 }

    private mutating func grow() {
        let newItems = UnsafeMutablePointer<LuaJSONOpenContainer>.allocate(capacity: capacity * 2)
        newItems.moveInitialize(from: items, count: count)
        items.deallocate()
        items = newItems
        capacity *= 2
    }
}
