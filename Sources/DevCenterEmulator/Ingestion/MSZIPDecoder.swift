/// Decodes the MSZIP blocks of a CAB folder: each block is `CK` and a complete raw deflate
/// stream, and back-references may reach into the previous blocks' output (a 32 KiB window).
///
/// zlib would need its dictionary API, which no dependency here exposes, so this is a small
/// canonical-Huffman inflater after Mark Adler's puff. Every loop is bounded by the input or by
/// ``maxBlockOutput``, so hostile input fails with an error instead of hanging or exhausting memory.
struct MSZIPDecoder {
    static let windowSize = 32 * 1024
    static let maxBlockOutput = 32 * 1024 + 6144

    struct DecodeError: Error, CustomStringConvertible {
        var description: String
    }

    private var history: [UInt8] = []

    /// Decodes one CFDATA block's payload (`CK` + deflate) into its uncompressed bytes.
    mutating func decodeBlock(_ block: [UInt8]) throws -> [UInt8] {
        guard block.count >= 2, block[0] == 0x43, block[1] == 0x4B else {
            throw DecodeError(description: "an MSZIP block does not start with the 'CK' signature")
        }
        var inflater = Inflater(input: block, position: 2, output: history)
        try inflater.run()
        let produced = Array(inflater.output[history.count...])
        history = Array(inflater.output.suffix(Self.windowSize))
        return produced
    }

    private struct Huffman {
        var count: [Int16]
        var symbol: [Int16]

        init(lengths: ArraySlice<UInt8>) throws {
            count = Array(repeating: 0, count: 16)
            symbol = Array(repeating: 0, count: lengths.count)
            for l in lengths { count[Int(l)] += 1 }
            var left = 1
            for len in 1...15 {
                left <<= 1
                left -= Int(count[len])
                if left < 0 { throw DecodeError(description: "an MSZIP block has an over-subscribed Huffman code") }
            }
            var offsets = Array(repeating: 0, count: 16)
            for len in 1..<15 { offsets[len + 1] = offsets[len] + Int(count[len]) }
            for (i, l) in lengths.enumerated() where l != 0 {
                symbol[offsets[Int(l)]] = Int16(i)
                offsets[Int(l)] += 1
            }
        }
    }

    private struct Inflater {
        let input: [UInt8]
        var position: Int
        var output: [UInt8]
        var bitBuffer = 0
        var bitCount = 0
        let outputLimit: Int

        init(input: [UInt8], position: Int, output: [UInt8]) {
            self.input = input
            self.position = position
            self.output = output
            self.outputLimit = output.count + MSZIPDecoder.maxBlockOutput
        }

        static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        static let lengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

        mutating func bits(_ n: Int) throws -> Int {
            while bitCount < n {
                guard position < input.count else { throw DecodeError(description: "an MSZIP block ends in the middle of its data") }
                bitBuffer |= Int(input[position]) << bitCount
                position += 1
                bitCount += 8
            }
            let value = bitBuffer & ((1 << n) - 1)
            bitBuffer >>= n
            bitCount -= n
            return value
        }

        mutating func run() throws {
            var last = false
            while !last {
                last = try bits(1) == 1
                switch try bits(2) {
                case 0: try stored()
                case 1: try codes(Self.fixed.0, Self.fixed.1)
                case 2:
                    let (l, d) = try dynamicTables()
                    try codes(l, d)
                default: throw DecodeError(description: "an MSZIP block uses the reserved deflate block type 3")
                }
            }
        }

        mutating func stored() throws {
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.count else { throw DecodeError(description: "an MSZIP stored block is cut short") }
            let len = Int(input[position]) | Int(input[position + 1]) << 8
            let nlen = Int(input[position + 2]) | Int(input[position + 3]) << 8
            position += 4
            guard len == (~nlen & 0xFFFF) else { throw DecodeError(description: "an MSZIP stored block has a corrupt length") }
            guard position + len <= input.count else { throw DecodeError(description: "an MSZIP stored block is cut short") }
            guard output.count + len <= outputLimit else { throw DecodeError(description: "an MSZIP block expands past 32 KiB") }
            output.append(contentsOf: input[position..<(position + len)])
            position += len
        }

        mutating func decode(_ h: Huffman) throws -> Int {
            var code = 0, first = 0, index = 0
            for len in 1...15 {
                code |= try bits(1)
                let count = Int(h.count[len])
                if code - count < first { return Int(h.symbol[index + (code - first)]) }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw DecodeError(description: "an MSZIP block holds an invalid Huffman code")
        }

        mutating func codes(_ lengthCode: Huffman, _ distanceCode: Huffman) throws {
            while true {
                let symbol = try decode(lengthCode)
                if symbol < 256 {
                    guard output.count < outputLimit else { throw DecodeError(description: "an MSZIP block expands past 32 KiB") }
                    output.append(UInt8(symbol))
                    continue
                }
                if symbol == 256 { return }
                let li = symbol - 257
                guard li < 29 else { throw DecodeError(description: "an MSZIP block holds an invalid length code") }
                let length = Self.lengthBase[li] + (try bits(Self.lengthExtra[li]))
                let di = try decode(distanceCode)
                guard di < 30 else { throw DecodeError(description: "an MSZIP block holds an invalid distance code") }
                let distance = Self.distanceBase[di] + (try bits(Self.distanceExtra[di]))
                guard distance <= output.count else { throw DecodeError(description: "an MSZIP block refers back before the start of its data") }
                guard output.count + length <= outputLimit else { throw DecodeError(description: "an MSZIP block expands past 32 KiB") }
                let start = output.count - distance
                for i in 0..<length { output.append(output[start + i]) }
            }
        }

        static let fixed: (Huffman, Huffman) = {
            var lengths = [UInt8](repeating: 8, count: 288)
            for i in 144..<256 { lengths[i] = 9 }
            for i in 256..<280 { lengths[i] = 7 }
            // The fixed tables are valid by construction.
            let l = try! Huffman(lengths: lengths[...])
            let d = try! Huffman(lengths: [UInt8](repeating: 5, count: 30)[...])
            return (l, d)
        }()

        mutating func dynamicTables() throws -> (Huffman, Huffman) {
            let nlen = try bits(5) + 257
            let ndist = try bits(5) + 1
            let ncode = try bits(4) + 4
            guard nlen <= 286, ndist <= 30 else { throw DecodeError(description: "an MSZIP block has too many Huffman codes") }
            var lengths = [UInt8](repeating: 0, count: 320)
            for i in 0..<ncode { lengths[Self.lengthOrder[i]] = UInt8(try bits(3)) }
            let lencode = try Huffman(lengths: lengths[0..<19])
            var index = 0
            while index < nlen + ndist {
                var symbol = try decode(lencode)
                if symbol < 16 {
                    lengths[index] = UInt8(symbol)
                    index += 1
                    continue
                }
                var value: UInt8 = 0
                if symbol == 16 {
                    guard index > 0 else { throw DecodeError(description: "an MSZIP block repeats a code length before the first") }
                    value = lengths[index - 1]
                    symbol = 3 + (try bits(2))
                } else if symbol == 17 {
                    symbol = 3 + (try bits(3))
                } else {
                    symbol = 11 + (try bits(7))
                }
                guard index + symbol <= nlen + ndist else { throw DecodeError(description: "an MSZIP block has too many code lengths") }
                for _ in 0..<symbol {
                    lengths[index] = value
                    index += 1
                }
            }
            guard lengths[256] != 0 else { throw DecodeError(description: "an MSZIP block has no end-of-block code") }
            return (try Huffman(lengths: lengths[0..<nlen]), try Huffman(lengths: lengths[nlen..<(nlen + ndist)]))
        }
    }
}
