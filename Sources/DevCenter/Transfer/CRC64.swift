import CCRC64
import Foundation

/// Azure Storage's CRC-64, the checksum of `x-ms-content-crc64`: the storage service checks it
/// on Put Block and Put Blob (service version 2019-02-02 on) as it checks `Content-MD5`, and
/// the storage SDKs compute the same one.
///
/// It is the reflected CRC-64 with polynomial `0x9A6C9329AC4BC9B5`, all-ones initial value and
/// final XOR (`"123456789"` gives `0xAE8B14860A799888`); the header carries its 8 bytes
/// little-endian in base64. Computed with carry-less multiplication where the CPU has it
/// (x86-64 with PCLMULQDQ), at several GB/s, else with slicing-by-8 tables.
///
/// ```swift
/// var crc = CRC64()
/// buffer.withUnsafeReadableBytes { crc.update($0) }
/// headers.add("x-ms-content-crc64", crc.base64)
/// ```
public struct CRC64: Sendable, Hashable {
    /// The CRC of everything added so far (0 for nothing).
    public private(set) var value: UInt64

    public init(value: UInt64 = 0) { self.value = value }

    /// The CRC of `bytes`.
    public init(of bytes: UnsafeRawBufferPointer) {
        self.init()
        update(bytes)
    }

    /// The CRC of `bytes`.
    public init(of bytes: some Sequence<UInt8>) {
        self.init()
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Adds `bytes` after what was added before.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        value = hws_crc64_update(value, base, bytes.count)
    }

    /// The 8 bytes of the CRC, little-endian, as the header carries them.
    public var bytes: [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    /// The value of `x-ms-content-crc64`: ``bytes`` in base64.
    public var base64: String { Data(bytes).base64EncodedString() }

    /// The CRC of the 8 little-endian bytes of an `x-ms-content-crc64` header; `nil` when the
    /// text is not the base64 of 8 bytes.
    public init?(base64 text: String) {
        guard let decoded = Data(base64Encoded: text), decoded.count == 8 else { return nil }
        value = decoded.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The CRC of data whose first part has the CRC `first` and whose second part, `length`
    /// bytes long, has the CRC `second`: how the CRC of a whole file comes from its blocks'.
    public static func combine(_ first: CRC64, _ second: CRC64, secondLength length: Int64) -> CRC64 {
        CRC64(value: hws_crc64_combine(first.value, second.value, UInt64(max(0, length))))
    }

    /// The CRC of consecutive parts from their CRCs and lengths (a file's, from its blocks'),
    /// working out the factor for a length once however many parts have it.
    public static func combine(_ parts: some Sequence<(crc: CRC64, length: Int64)>) -> CRC64 {
        var total = CRC64()
        var factor: (length: Int64, multiplier: UInt64)?
        for part in parts {
            if factor?.length != part.length {
                factor = (part.length, hws_crc64_multiplier(UInt64(max(0, part.length))))
            }
            total = CRC64(value: hws_crc64_combine_multiplied(total.value, part.crc.value, factor!.multiplier))
        }
        return total
    }

    /// Whether this CPU computes it with carry-less multiplication (else with tables).
    public static var usesCarrylessMultiplication: Bool { hws_crc64_uses_clmul() != 0 }

    /// The CRC of `bytes` with the table implementation alone, to check the fast one against.
    public static func portable(of bytes: UnsafeRawBufferPointer) -> CRC64 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return CRC64() }
        return CRC64(value: hws_crc64_update_portable(0, base, bytes.count))
    }
}
