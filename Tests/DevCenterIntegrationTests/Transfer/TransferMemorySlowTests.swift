import DevCenter
import DevCenterEmulator
import Foundation
import Testing

/// The slow test: a 2 GiB file up and down through the emulator with the default options, with
/// the resident memory of this process (engine and emulator both) bounded by the options, not
/// by the size of the file.
@Suite("Slow: 2 GiB up and down with memory bounded by block size and concurrency")
struct TransferMemorySlowTests {
    static let size: Int64 = 2 << 30

    /// `VmRSS` or `VmHWM` of this process, in bytes.
    static func memory(_ field: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kB = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw DevCenterError.configuration("no \(field) in /proc/self/status", advice: "run on Linux") }
        return kB * 1024
    }

    /// Starts measuring the peak from now: Linux resets VmHWM to the current size on "5".
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// Resident memory sampled on every progress report, by how far the transfer had come.
    final class Samples: Sendable {
        let firstHalf = Shared(0), secondHalf = Shared(0)
        func record(_ progress: TransferProgress) {
            guard let rss = try? TransferMemorySlowTests.memory("VmRSS") else { return }
            let half = progress.fractionDone < 0.5 ? firstHalf : secondHalf
            half.update { $0 = max($0, rss) }
        }
    }

    @Test("a 2 GiB sparse file: upload and download peak within concurrency x block size (+64 MiB), and flat")
    func twoGiB() async throws {
        try await TransferFixtures.run { t in
            let submission = try await t.submission("Two GiB")
            let url = try #require(submission.uploadURL)
            let path = t.directory.appendingPathComponent("big.cab").path
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.truncate(atOffset: UInt64(Self.size))
            try handle.close()

            // With the file's MD5 (computed as the blocks go, in order), so the download checks it.
            let options = TransferOptions(progressInterval: .milliseconds(200), fileMD5: true)
            let bound = options.concurrency * options.blockSize + (64 << 20)
            // "Flat": the second GiB may take at most one more window (concurrency x block size)
            // than the first. What a sample sees moves with timing (buffers in flight between
            // the emulator and the client, both in this process), and malloc keeps freed
            // buffers in per-thread arenas (CI once saw the download's second half 17.7 MiB
            // above its first; after malloc_trim the halves agree within 3 MiB). Keeping each
            // block's buffer would add up to a GiB here.
            let slack = options.concurrency * options.blockSize
            // The real clock, so progress reports (and memory samples) come as time passes.
            let uploader = BlobUploader(options: options, transport: t.h.transport, clock: .system, logger: t.h.capture.logger)
            let downloader = BlobDownloader(options: options, transport: t.h.transport, clock: .system, logger: t.h.capture.logger)

            let up = Samples()
            let baseline = try Self.memory("VmRSS")
            Self.resetPeak()
            let result = try await uploader.upload(file: path, to: url, progress: up.record)
            let upPeak = try Self.memory("VmHWM") - baseline
            #expect(result.bytes == Self.size && result.blockCount == 256 && result.blocksSent == 256)
            #expect(upPeak < bound, "upload: resident memory grew by \(upPeak >> 20) MiB (bound \(bound >> 20) MiB)")
            #expect(up.secondHalf.value < up.firstHalf.value + slack,
                    "upload: the second GiB needed more memory than the first (\(up.firstHalf.value >> 20) then \(up.secondHalf.value >> 20) MiB)")

            let down = Samples()
            let target = t.directory.appendingPathComponent("back.cab").path
            let downBaseline = try Self.memory("VmRSS")
            Self.resetPeak()
            let fetched = try await downloader.download(from: url, to: target, progress: down.record)
            let downPeak = try Self.memory("VmHWM") - downBaseline
            #expect(fetched.bytes == Self.size && fetched.md5Verified && fetched.contentMD5 == result.contentMD5)
            #expect(fetched.requests == 256)
            #expect(downPeak < bound, "download: resident memory grew by \(downPeak >> 20) MiB (bound \(bound >> 20) MiB)")
            #expect(down.secondHalf.value < down.firstHalf.value + slack,
                    "download: the second GiB needed more memory than the first (\(down.firstHalf.value >> 20) then \(down.secondHalf.value >> 20) MiB)")
        }
    }
}
