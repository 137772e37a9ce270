import DevCenter
import Foundation

/// Set-up for a whole run, from a JSON file (`--scenario FILE`) or the admin API: the same
/// faults, rate limit and failing submissions the admin endpoints set one by one.
///
/// ```json
/// {
///   "faults": [
///     {"route": "POST /products/{productId}/submissions/{submissionId}/commit", "status": 503, "retryAfter": 1},
///     {"route": "PUT blob?comp=block", "status": 500, "nth": 3}
///   ],
///   "rateLimit": {"requestsPerMinute": 60},
///   "failAt": [{"submission": "next", "step": "scanning", "messages": ["Virus scan found a problem."]}],
///   "sasLifetimeSeconds": 30
/// }
/// ```
public struct EmulatorScenario: Codable, Sendable, Hashable {
    public var faults: [FaultRule]
    public var rateLimit: RateLimit?
    public var failAt: [SubmissionFailure]
    /// How long SAS URLs live (start-up only; overrides `--sas-lifetime`).
    public var sasLifetimeSeconds: Double?

    public struct RateLimit: Codable, Sendable, Hashable {
        public var requestsPerMinute: Int
        public init(requestsPerMinute: Int) { self.requestsPerMinute = requestsPerMinute }
    }

    /// A submission that fails when the pipeline reaches `step`: an existing one by ID, or the next one created.
    public struct SubmissionFailure: Codable, Sendable, Hashable {
        /// A submission ID, or `nil` for the next submission created.
        public var submissionId: Int64?
        public var step: WorkflowStep
        public var messages: [String]

        public init(submissionId: Int64? = nil, step: WorkflowStep, messages: [String] = []) {
            self.submissionId = submissionId
            self.step = step
            self.messages = messages
        }

        enum CodingKeys: String, CodingKey { case submission, step, messages }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let selector = try c.decodeIfPresent(JSONValue.self, forKey: .submission) ?? "next"
            if selector.stringValue?.lowercased() == "next" {
                submissionId = nil
            } else if let id = selector.int64Value {
                submissionId = id
            } else {
                throw DecodingError.dataCorruptedError(forKey: .submission, in: c, debugDescription: "must be \"next\" or a submission ID")
            }
            step = try c.decode(WorkflowStep.self, forKey: .step)
            guard step.ordinal != nil else {
                throw DecodingError.dataCorruptedError(forKey: .step, in: c, debugDescription: "must be one of \(WorkflowStep.documentedOrder.map(\.rawValue).joined(separator: ", "))")
            }
            messages = try c.decodeIfPresent([String].self, forKey: .messages) ?? []
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            if let submissionId { try c.encode(submissionId, forKey: .submission) } else { try c.encode("next", forKey: .submission) }
            try c.encode(step, forKey: .step)
            try c.encode(messages, forKey: .messages)
        }
    }

    public init(faults: [FaultRule] = [], rateLimit: RateLimit? = nil, failAt: [SubmissionFailure] = [], sasLifetimeSeconds: Double? = nil) {
        self.faults = faults
        self.rateLimit = rateLimit
        self.failAt = failAt
        self.sasLifetimeSeconds = sasLifetimeSeconds
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case faults, rateLimit, failAt, sasLifetimeSeconds }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        faults = try c.decodeIfPresent([FaultRule].self, forKey: .faults) ?? []
        rateLimit = try c.decodeIfPresent(RateLimit.self, forKey: .rateLimit)
        failAt = try c.decodeIfPresent([SubmissionFailure].self, forKey: .failAt) ?? []
        sasLifetimeSeconds = try c.decodeIfPresent(Double.self, forKey: .sasLifetimeSeconds)
    }

    /// Reads a scenario from JSON, with errors that say what is wrong and where.
    public static func parse(_ data: Data) throws -> EmulatorScenario {
        if let problem = JSONSyntaxChecker.check(Array(data)) {
            throw ScenarioError(message: "the scenario is not valid JSON: \(problem)")
        }
        if case .object(let members)? = try? JSONValue(parsing: data) {
            let known = Set(CodingKeys.allCases.map(\.rawValue))
            if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
                throw ScenarioError(message: "the scenario has an unknown key \"\(unknown)\"; known keys are \(known.sorted().joined(separator: ", "))")
            }
        }
        let scenario: EmulatorScenario
        do {
            scenario = try JSONDecoder().decode(EmulatorScenario.self, from: data)
        } catch let error as DecodingError {
            throw ScenarioError(message: "the scenario is invalid: \(describe(error))")
        }
        if let problem = scenario.problems.first { throw ScenarioError(message: "the scenario is invalid: \(problem)") }
        return scenario
    }

    /// Problems that make the scenario unusable, as `path.field: message`.
    var problems: [String] {
        var problems: [String] = []
        for (i, fault) in faults.enumerated() {
            problems += fault.problems.map { "faults[\(i)].\($0)" }
        }
        if let limit = rateLimit?.requestsPerMinute, limit < 0 {
            problems.append("rateLimit.requestsPerMinute: must be at least 1, or 0 to turn the limit off (got \(limit))")
        }
        return problems
    }

    /// Reads a scenario file.
    public static func load(from url: URL) throws -> EmulatorScenario {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ScenarioError(message: "cannot read the scenario file \(url.path): \(error.localizedDescription)")
        }
        do {
            return try parse(data)
        } catch let error as ScenarioError {
            throw ScenarioError(message: "\(url.path): \(error.message)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)): expected \(type), found null"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): is required"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
