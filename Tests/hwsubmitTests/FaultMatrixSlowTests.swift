import Foundation
import Testing

/// The fault matrix: `scripts/submit.lua` (and `Tests/lua/service_changes.lua` for the labels,
/// PATCHes, cancel and metadata requests) run by the real `hwsubmit` against a real
/// `hwsubmit-emulator` once per cell (every request of the workflow × every fault the emulator
/// injects, every change with its answer lost after it landed, the first requests of a run
/// faulted in turn, the expiries, a failure at each pipeline step, and faults that outlast the
/// retries). Transient faults must end signed with one product and one submission; permanent
/// ones with the documented exit status and an error that names them; none may leave a
/// duplicate. The table of cells is printed and written to `.build/fault-matrix.txt`. Slow,
/// real-server tests.
@Suite struct FaultMatrixSlowTests {
    /// Cells run side by side, each against its own emulator (`FAULT_MATRIX_CONCURRENCY`).
    static let concurrency = Int(ProcessInfo.processInfo.environment["FAULT_MATRIX_CONCURRENCY"] ?? "") ?? 4

    @Test func everyCellEndsAsExpected() throws {
        let work = try TemporaryDirectory()
        let largePackage = try SubmitScriptSlowTests.largePackage(in: work).path
        let cells = FaultCell.all
        let results = NSLock()
        nonisolated(unsafe) var problems = [[String]](repeating: [], count: cells.count)
        nonisolated(unsafe) var seconds = [Double](repeating: 0, count: cells.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, Self.concurrency)
        for (index, cell) in cells.enumerated() {
            queue.addOperation {
                let started = Date()
                let found = FaultCellRun(cell: cell, largePackage: largePackage).run()
                results.withLock {
                    problems[index] = found
                    seconds[index] = Date().timeIntervalSince(started)
                }
            }
        }
        queue.waitUntilAllOperationsAreFinished()

        let table = Self.table(cells, problems: problems, seconds: seconds)
        print(table)
        let file = ScriptRun.repository.appendingPathComponent(".build/fault-matrix.txt")
        try? table.write(to: file, atomically: true, encoding: .utf8)
        for (cell, found) in zip(cells, problems) where !found.isEmpty {
            let detail = found.joined(separator: "\n")
            Issue.record("fault matrix cell \(cell) (expected: \(cell.expectedDescription)):\n\(detail)")
        }
        #expect(cells.count >= 140, "the matrix has every cell")
    }

    /// The cells as a text table: operation, fault, expected outcome, result.
    static func table(_ cells: [FaultCell], problems: [[String]], seconds: [Double]) -> String {
        let header = ["operation", "fault", "expected", "result", "seconds"]
        var rows = [header]
        for (index, cell) in cells.enumerated() {
            rows.append([
                cell.operationDescription, cell.fault.description, cell.expectedDescription,
                problems[index].isEmpty ? "passed" : "FAILED", String(format: "%.1f", seconds[index]),
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let passed = problems.filter(\.isEmpty).count
        return "Fault matrix: scripts/submit.lua against hwsubmit-emulator\n"
            + ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.dropFirst().map(line))
                .joined(separator: "\n")
            + "\n\(passed) of \(cells.count) cells passed\n"
    }
}
