/// How far a transfer has come: what a progress bar or a periodic log line shows.
///
/// `bytesDone` counts blocks found at the service from an earlier run (``resumedBytes``) as
/// done, so a resumed upload starts where the last one stopped; ``bytesPerSecond`` counts only
/// bytes moved by this run.
public struct TransferProgress: Sendable, Hashable, CustomStringConvertible {
    public enum Direction: String, Sendable, Hashable {
        case upload, download
    }

    /// What the transfer is doing.
    public enum Phase: String, Sendable, Hashable {
        /// Finding out what is there: the block list (upload), the blob's size (download).
        case preparing
        /// Moving bytes.
        case transferring
        /// Committing the block list (upload).
        case committing
        /// Checking the result: the committed size (upload), the MD5 of the file (download).
        case verifying
        /// Finished; the last report of a successful transfer.
        case done
    }

    public var direction: Direction
    public var phase: Phase
    /// Bytes done, resumed ones included.
    public var bytesDone: Int64
    /// The size of the file or blob.
    public var totalBytes: Int64
    /// Bytes that an earlier run had already put at the service, not sent again.
    public var resumedBytes: Int64
    /// The recent rate (over the last few seconds) of bytes moved by this run.
    public var bytesPerSecond: Double
    /// Time since the transfer started.
    public var elapsed: Duration

    public init(
        direction: Direction, phase: Phase, bytesDone: Int64, totalBytes: Int64, resumedBytes: Int64 = 0,
        bytesPerSecond: Double = 0, elapsed: Duration = .zero
    ) {
        self.direction = direction
        self.phase = phase
        self.bytesDone = bytesDone
        self.totalBytes = totalBytes
        self.resumedBytes = resumedBytes
        self.bytesPerSecond = bytesPerSecond
        self.elapsed = elapsed
    }

    /// Done as a fraction from 0 to 1 (1 for an empty file).
    public var fractionDone: Double {
        totalBytes > 0 ? min(1, Double(bytesDone) / Double(totalBytes)) : (phase == .done ? 1 : 0)
    }

    /// The time left at the recent rate, when there is a rate to go by.
    public var estimatedTimeRemaining: Duration? {
        guard bytesPerSecond > 0, phase == .transferring else { return nil }
        return .clampedSeconds(Double(totalBytes - bytesDone) / bytesPerSecond)
    }

    /// One line for logs: "upload: 412.0 MiB of 1.0 GiB (40%), 96.3 MiB/s, transferring".
    public var description: String {
        let percent = Int((fractionDone * 100).rounded(.down))
        var text = "\(direction.rawValue): \(ByteCount.format(bytesDone)) of \(ByteCount.format(totalBytes)) (\(percent)%)"
        if bytesPerSecond > 0 { text += ", \(ByteCount.format(Int64(bytesPerSecond)))/s" }
        if resumedBytes > 0 { text += ", \(ByteCount.format(resumedBytes)) already there" }
        return text + ", \(phase.rawValue)"
    }
}

/// A callback for ``TransferProgress``: called at a bounded frequency, never concurrently, on a
/// task of the transfer; keep it quick (hand the value to whatever draws it).
public typealias TransferProgressHandler = @Sendable (TransferProgress) -> Void
