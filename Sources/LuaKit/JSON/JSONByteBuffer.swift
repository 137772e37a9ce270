/// A growable byte buffer: the encoder's output and the decoder's scratch space for strings
/// with escapes. Plain memory, no per-byte checks beyond capacity.
struct JSONByteBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends bytes known to fit (after ``reserve(_:)``).
    @inline(__always)
    mutating func appendUnchecked(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        if let source = bytes.baseAddress {
            (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        count += bytes.count
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends an integer in decimal.
    mutating func append(integer value: Int64) {
        reserve(20)
        var magnitude = value.magnitude
        if value < 0 { appendUnchecked(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch
        withUnsafeMutableBytes(of: &digits) { scratch in
            var i = scratch.count
            repeat {
                i -= 1
                scratch[i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
                magnitude /= 10
            } while magnitude != 0
            for j in i..<scratch.count { appendUnchecked(scratch[j]) }
        }
    }

    /// Appends a Unicode scalar value as UTF-8.
    mutating func append(utf8 code: UInt32) {
        reserve(4)
        switch code {
        case 0..<0x80:
            appendUnchecked(UInt8(code))
        case 0x80..<0x800:
            appendUnchecked(UInt8(0xC0 | (code >> 6)))
            appendUnchecked(UInt8(0x80 | (code & 0x3F)))
        case 0x800..<0x10000:
            appendUnchecked(UInt8(0xE0 | (code >> 12)))
            appendUnchecked(UInt8(0x80 | ((code >> 6) & 0x3F)))
            appendUnchecked(UInt8(0x80 | (code & 0x3F)))
        default:
            appendUnchecked(UInt8(0xF0 | (code >> 18)))
            appendUnchecked(UInt8(0x80 | ((code >> 12) & 0x3F)))
            appendUnchecked(UInt8(0x80 | ((code >> 6) & 0x3F)))
            appendUnchecked(UInt8(0x80 | (code & 0x3F)))
        }
    }

    /// Empties the buffer, keeping its memory.
    mutating func removeAll() { count = 0 }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
