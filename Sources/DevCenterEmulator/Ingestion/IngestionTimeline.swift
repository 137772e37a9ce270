import DevCenter
import Foundation

/// Where a committed submission stands at a given time: one pipeline step per step delay,
/// computed from the commit time, so moving the clock moves the pipeline with no timers.
struct IngestionTimeline {
    struct Snapshot: Equatable {
        var commitStatus: CommitStatus
        var step: WorkflowStep
        var state: WorkflowState
        var messages: [String]
        var isComplete: Bool { commitStatus == .commitComplete }
        var isFailed: Bool { state == .failed }
    }

    static let steps = WorkflowStep.documentedOrder

    /// The status at `now` of a submission committed at `committedAt` (`nil`: not committed).
    static func snapshot(committedAt: Date?, now: Date, stepDelay: Double, outcome: IngestionOutcome?,
                         plannedFailure: PlannedFailure?) -> Snapshot {
        guard let committedAt else {
            return Snapshot(commitStatus: .commitPending, step: .packageInfoValidation, state: .notStarted, messages: [])
        }
        var reached = stepDelay <= 0 ? steps.count : Int(min(Double(steps.count), max(0, now.timeIntervalSince(committedAt)) / stepDelay))
        var failure: (index: Int, messages: [String])?
        switch outcome {
        case nil:
            // Still inspecting: the pipeline waits in its first step.
            reached = 0
        case .failed(let messages):
            failure = (0, messages)
        case .passed:
            if let plannedFailure {
                let index = plannedFailure.step.ordinal ?? 0
                let messages = plannedFailure.messages.isEmpty
                    ? ["The submission failed at \(plannedFailure.step.rawValue) (failure injected by the emulator)."]
                    : plannedFailure.messages
                failure = (index, messages)
            }
        }
        if let failure, reached > failure.index {
            return Snapshot(commitStatus: .commitFailed, step: steps[failure.index], state: .failed, messages: failure.messages)
        }
        if reached >= steps.count {
            return Snapshot(commitStatus: .commitComplete, step: .finalizeIngestion, state: .completed, messages: [])
        }
        return Snapshot(commitStatus: .commitReceived, step: steps[reached], state: .started, messages: [])
    }
}
