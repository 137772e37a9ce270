@testable import DevCenter
import DevCenterTestSupport
import NIOConcurrencyHelpers
import Testing

@Suite("Progress reports: bounded frequency, phases at once, a rate over recent seconds")
struct ProgressReporterTests {
    final class Reports: Sendable {
        private let box = NIOLockedValueBox<[TransferProgress]>([])
        var all: [TransferProgress] { box.withLockedValue { $0 } }
        func add(_ p: TransferProgress) { box.withLockedValue { $0.append(p) } }
    }

    @Test("byte counts are reported at most once per interval; a phase change is reported at once")
    func throttled() {
        let clock = VirtualClock()
        let reports = Reports()
        let reporter = ProgressReporter(direction: .upload, totalBytes: 1000, interval: .seconds(1), clock: clock.devCenterClock, handler: reports.add)
        reporter.enter(.transferring)
        for _ in 0..<10 {
            reporter.moved(10)
            clock.advance(by: .milliseconds(250))
        }
        // Reports: the phase at 0 s, then bytes at 1 s and 2 s (0.25 s steps: 1.0, 2.0).
        #expect(reports.all.map(\.phase) == [.transferring, .transferring, .transferring])
        #expect(reports.all.map(\.bytesDone) == [0, 50, 90])
        reporter.enter(.done)
        #expect(reports.all.last?.phase == .done && reports.all.last?.bytesDone == 100)
        #expect(reports.all.last?.elapsed == .milliseconds(2500))
    }

    @Test("the rate follows the last few seconds, and resumed bytes count as done but not as moved")
    func rate() {
        let clock = VirtualClock()
        let reports = Reports()
        let reporter = ProgressReporter(direction: .download, totalBytes: 1 << 30, interval: .zero, clock: clock.devCenterClock, handler: reports.add)
        reporter.resumed(5000)
        for _ in 0..<20 {
            clock.advance(by: .milliseconds(500))
            reporter.moved(1000)
        }
        #expect(abs((reports.all.last?.bytesPerSecond ?? 0) - 2000) < 1, "\(reports.all.last?.bytesPerSecond ?? 0)")
        for _ in 0..<20 {
            clock.advance(by: .milliseconds(500))
            reporter.moved(100)
        }
        #expect(abs((reports.all.last?.bytesPerSecond ?? 0) - 200) < 1, "the window forgot the fast start")
        let last = reports.all.last!
        #expect(last.bytesDone == 5000 + 22000 && last.resumedBytes == 5000)
        reporter.retracted(100)
        #expect(reports.all.last?.bytesDone == 26900)
    }

    @Test("without a handler nothing is called, and the current value is still kept")
    func noHandler() {
        let reporter = ProgressReporter(direction: .upload, totalBytes: 10, interval: .zero, clock: VirtualClock().devCenterClock, handler: nil)
        reporter.moved(4)
        reporter.setTotal(20)
        #expect(reporter.current.bytesDone == 4 && reporter.current.totalBytes == 20)
    }
}
