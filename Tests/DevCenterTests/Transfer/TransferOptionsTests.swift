@testable import DevCenter
import Testing

@Suite("Transfer options and the progress value")
struct TransferOptionsTests {
    @Test("the defaults: 8 MiB threshold and blocks, four at a time, a CRC-64 on each")
    func defaults() {
        let options = TransferOptions()
        #expect(options.singlePutThreshold == 8 << 20 && options.blockSize == 8 << 20 && options.concurrency == 4)
        #expect(options.checksum == .crc64 && !options.fileMD5, "a CRC-64 on every block, no whole-file MD5")
        #expect(options.problems.isEmpty)
    }

    @Test("every unusable option is named, and validation refuses them all at once")
    func problems() {
        let options = TransferOptions(singlePutThreshold: 1 << 30, blockSize: 0, concurrency: 0, requestTimeout: .zero, maximumURLRefreshes: -1)
        #expect(options.problems.count == 5)
        #expect { try options.validate() } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.kind == .configuration && e.message.contains("block size") && e.message.contains("concurrency")
                && e.message.contains("threshold") && e.message.contains("timeout")
        }
        #expect(TransferOptions(blockSize: 4001 << 20).problems.first?.contains("4000 MiB") == true)
    }

    @Test("fraction, time left and the log line")
    func progressValue() {
        let p = TransferProgress(
            direction: .upload, phase: .transferring, bytesDone: 3 << 29, totalBytes: 1 << 31, resumedBytes: 1 << 29,
            bytesPerSecond: Double(1 << 29), elapsed: .seconds(2))
        #expect(p.fractionDone == 0.75)
        #expect(p.estimatedTimeRemaining == .seconds(1))
        #expect(p.description == "upload: 1.5 GiB of 2.0 GiB (75%), 512.0 MiB/s, 512.0 MiB already there, transferring")
        let empty = TransferProgress(direction: .download, phase: .done, bytesDone: 0, totalBytes: 0)
        #expect(empty.fractionDone == 1 && empty.estimatedTimeRemaining == nil)
        #expect(empty.description == "download: 0 B of 0 B (100%), done")
    }
}
