import Dispatch
import Foundation

/// Resolves once a stop is asked for: SIGINT, SIGTERM, or end of file on standard input.
final class StopSignal: @unchecked Sendable {
    private let (stream, continuation) = AsyncStream<Void>.makeStream()
    private var sources: [DispatchSourceSignal] = []

    /// Stops on these signals instead of dying from them.
    func onSignals(_ signals: [Int32]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [continuation] in continuation.yield() }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops when standard input is closed: the parent that holds the pipe has gone, even if killed.
    func onStandardInputEOF() {
        let continuation = self.continuation
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(0, &buffer, buffer.count)
                if n == 0 || (n < 0 && errno != EINTR) { break }
            }
            continuation.yield()
        }
    }

    func wait() async {
        for await _ in stream { return }
    }
}
