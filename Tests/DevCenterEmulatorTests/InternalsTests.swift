@testable import DevCenterEmulator
import Foundation
import Testing
import ZIPFoundation

@Suite("Emulator internals: MSZIP, JSON syntax errors, IDs, SAS ranges, timeline")
struct InternalsTests {
    func deflate(_ data: Data) throws -> [UInt8] {
        var out = Data()
        _ = try Data.compress(size: Int64(data.count), bufferSize: 65536, provider: { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { out.append($0) })
        return [0x43, 0x4B] + Array(out)
    }

    @Test("the MSZIP decoder inverts zlib's raw deflate on text, random and repetitive blocks")
    func mszipRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        let samples: [Data] = [
            Data(), Data("[Version]\r\nSignature = \"$WINDOWS NT$\"\r\n".utf8),
            Data((0..<32768).map { _ in UInt8.random(in: 0...255, using: &generator) }),
            Data(repeating: 0x41, count: 32768),
            Data((0..<32768).map { UInt8(truncatingIfNeeded: $0 / 7 &* 13) }),
        ]
        for sample in samples {
            var decoder = MSZIPDecoder()
            #expect(try decoder.decodeBlock(try deflate(sample)) == Array(sample))
        }
    }

    @Test("MSZIP keeps the window across blocks: a second block may refer back into the first")
    func mszipHistory() throws {
        // A stored block, then a fixed-Huffman block holding one back-reference (length 3, distance 5).
        var decoder = MSZIPDecoder()
        let first: [UInt8] = [0x43, 0x4B, 0x01, 0x05, 0x00, 0xFA, 0xFF] + Array("hello".utf8)
        #expect(try decoder.decodeBlock(first) == Array("hello".utf8))
        // BFINAL=1, BTYPE=01; length code 257 (7 bits 0000001), distance code 4 (5 bits 00100) + 1 extra bit 0; end 256 (0000000).
        var bits: [Int] = [1, 1, 0]
        bits += [0, 0, 0, 0, 0, 0, 1]
        bits += [0, 0, 1, 0, 0, 0]
        bits += [0, 0, 0, 0, 0, 0, 0]
        var bytes: [UInt8] = []
        for (i, bit) in bits.enumerated() {
            if i % 8 == 0 { bytes.append(0) }
            bytes[i / 8] |= UInt8(bit) << (i % 8)
        }
        #expect(try decoder.decodeBlock([0x43, 0x4B] + bytes) == Array("hel".utf8))
    }

    @Test("hostile MSZIP input fails with an error, never a crash")
    func mszipHostile() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var decoder = MSZIPDecoder()
            let bytes = [0x43, 0x4B] + (0..<Int.random(in: 0..<64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if let out = try? decoder.decodeBlock(bytes) { #expect(out.count <= MSZIPDecoder.maxBlockOutput) }
        }
        var decoder = MSZIPDecoder()
        #expect(throws: MSZIPDecoder.DecodeError.self) { try decoder.decodeBlock([0x00, 0x00, 0x01]) }
    }

    @Test("JSON syntax errors name the line, the column and what was expected", arguments: [
        ("", "line 1, column 1: the body is empty"),
        ("{\"a\": 1,}", "line 1, column 9: trailing ','"),
        ("{\"a\" 1}", "line 1, column 6: unexpected '1'; expected ':'"),
        ("[1, 2", "line 1, column 6: unexpected end of input"),
        ("{\"a\": tru}", "line 1, column 7: unexpected 't'; did you mean true?"),
        ("{\n  \"a\": 01}", "line 2, column 8: numbers may not have leading zeros"),
        ("{\"a\": \"x\ny\"}", "line 1, column 9: control character"),
        ("{} {}", "line 1, column 4: unexpected '{' after the JSON value"),
        (String(repeating: "[", count: 300), "nested more than 256 levels"),
    ])
    func jsonSyntax(text: String, expected: String) {
        let problem = JSONSyntaxChecker.check(Array(text.utf8))
        #expect(problem?.description.contains(expected) == true, "\(problem?.description ?? "no problem found")")
    }

    @Test("well-formed JSON passes the syntax check")
    func jsonValid() {
        for text in ["{}", "[]", "0", "-1.5e+3", "\"\\u00e9\\n\"", "{\"a\": [true, false, null, {\"b\": 1152921504621465124}]}"] {
            #expect(JSONSyntaxChecker.check(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test("ID sequences skip every value a Double holds exactly")
    func ids() {
        var sequence = IDSequence(start: 1_152_921_504_621_465_088)
        for _ in 0..<1000 {
            let id = sequence.take()
            #expect(Int64(exactly: Double(id)) != id)
        }
    }

    @Test("ranges: a-b, a-, -n, and unsatisfiable ones")
    func ranges() {
        #expect(BlobService.parseRange("bytes=0-9", size: 100) == 0..<10)
        #expect(BlobService.parseRange("bytes=90-", size: 100) == 90..<100)
        #expect(BlobService.parseRange("bytes=95-200", size: 100) == 95..<100)
        #expect(BlobService.parseRange("bytes=-10", size: 100) == 90..<100)
        #expect(BlobService.parseRange("bytes=100-", size: 100) == nil)
        #expect(BlobService.parseRange("bytes=5-1", size: 100) == nil)
        #expect(BlobService.parseRange("items=0-1", size: 100) == nil)
        #expect(BlobService.parseRange("bytes=0-0", size: 0) == nil)
    }

    @Test("the timeline: pending, one step per delay, planned failure, inspection failure, completion")
    func timeline() {
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let passed = IngestionOutcome.passed(IngestedPackage(metadata: .init(bundleInfoMap: [:]), isExtensionInf: false, isDeclarativeInf: true, isUniversal: true))
        func at(_ seconds: Double, _ outcome: IngestionOutcome?, _ failure: PlannedFailure? = nil) -> IngestionTimeline.Snapshot {
            IngestionTimeline.snapshot(committedAt: t0, now: t0.addingTimeInterval(seconds), stepDelay: 10, outcome: outcome, plannedFailure: failure)
        }
        #expect(IngestionTimeline.snapshot(committedAt: nil, now: t0, stepDelay: 10, outcome: nil, plannedFailure: nil).commitStatus == .commitPending)
        #expect(at(500, nil).step == .packageInfoValidation && at(500, nil).state == .started)
        #expect(at(25, passed).step == .scanning)
        #expect(at(79, passed).step == .finalizeIngestion && at(79, passed).state == .started)
        #expect(at(80, passed).isComplete)
        #expect(at(5, .failed(["x"])).state == .started)
        #expect(at(10, .failed(["x"])).isFailed && at(10, .failed(["x"])).messages == ["x"])
        let failure = PlannedFailure(step: .signing, messages: [])
        #expect(at(69, passed, failure).state == .started)
        #expect(at(70, passed, failure).isFailed && at(70, passed, failure).step == .signing)
        #expect(at(70, passed, failure).commitStatus == .commitFailed)
    }
}
