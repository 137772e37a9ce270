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
///   "failLabelsAt": [{"label": "next", "step": "microsoftApproval"}],
///   "sasLifetimeSeconds": 30,
///   "nextLinkForm": "relative",
///   "driverMetadataIn": "links",
///   "partnerSubmissions": [{"publisherId": 27691110, "sourceProductId": 1, "sourceSubmissionId": 2, "submissionId": "next"}],
///   "failPreprodPackages": [{"package": "next", "messages": ["The catalog is not signed."]}],
///   "identity": {"apps": [{"clientId": "contoso-ci", "certificates": ["-----BEGIN CERTIFICATE-----…"], "requestsPerMinute": 30}]}
/// }
/// ```
public struct EmulatorScenario: Codable, Sendable, Hashable {
    public var faults: [FaultRule]
    public var rateLimit: RateLimit?
    public var failAt: [SubmissionFailure]
    /// Shipping labels that fail at a step of their pipeline.
    public var failLabelsAt: [LabelFailure]
    /// How long SAS URLs live (start-up only; overrides `--sas-lifetime`).
    public var sasLifetimeSeconds: Double?
    /// How list answers name their next page (overrides `--next-link-form`).
    public var nextLinkForm: NextLinkForm?
    /// Where a completed submission names its driver metadata.
    public var driverMetadataIn: DriverMetadataPlacement?
    /// Submissions a partner shared, as the admin API's `POST /partner-submissions` bodies.
    public var partnerSubmissions: [JSONValue] = []
    /// Pre-production packages that fail signing: `{"package": "next" or ID, "messages": […]}`.
    public var failPreprodPackages: [JSONValue] = []
    /// App registrations, managed identities and the GitHub-style token subject (``IdentitySetup``).
    public var identity: IdentitySetup?

    public struct RateLimit: Codable, Sendable, Hashable {
        public var requestsPerMinute: Int
        public init(requestsPerMinute: Int) { self.requestsPerMinute = requestsPerMinute }
    }

    /// A submission that fails when the pipeline reaches `step`: an existing one by ID, or the next one created.
    public typealias SubmissionFailure = Failure<SubmissionPipeline>
    /// A shipping label that fails when its pipeline reaches `step`: an existing one by ID, or
    /// the next one created.
    public typealias LabelFailure = Failure<LabelPipeline>

    /// What a planned failure is for: the JSON key that selects it and the steps it can fail at.
    public protocol Pipeline: Sendable {
        static var key: String { get }
        static var noun: String { get }
        static var steps: [WorkflowStep] { get }
    }

    public enum SubmissionPipeline: Pipeline {
        public static let key = "submission"
        public static let noun = "submission"
        public static var steps: [WorkflowStep] { WorkflowStep.documentedOrder }
    }

    public enum LabelPipeline: Pipeline {
        public static let key = "label"
        public static let noun = "shipping label"
        /// The steps of either destination.
        public static let steps: [WorkflowStep] = ShippingLabel.windowsUpdateSteps
            + ShippingLabel.sharingSteps.filter { !ShippingLabel.windowsUpdateSteps.contains($0) }
    }

    /// `{"<key>": "next" or ID, "step": …, "messages": […]}`.
    public struct Failure<Target: Pipeline>: Codable, Sendable, Hashable {
        /// The ID, or `nil` for the next one created.
        public var id: Int64?
        public var step: WorkflowStep
        public var messages: [String]

        public init(id: Int64? = nil, step: WorkflowStep, messages: [String] = []) {
            self.id = id
            self.step = step
            self.messages = messages
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
            static var target: Key { Key(stringValue: Target.key) }
            static var step: Key { Key(stringValue: "step") }
            static var messages: Key { Key(stringValue: "messages") }
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            let selector = try c.decodeIfPresent(JSONValue.self, forKey: .target) ?? "next"
            if selector.stringValue?.lowercased() == "next" {
                id = nil
            } else if let id = selector.int64Value {
                self.id = id
            } else {
                throw DecodingError.dataCorruptedError(forKey: .target, in: c, debugDescription: "must be \"next\" or a \(Target.noun) ID")
            }
            step = try c.decode(WorkflowStep.self, forKey: .step)
            guard Target.steps.contains(step) else {
                throw DecodingError.dataCorruptedError(forKey: .step, in: c, debugDescription: "must be one of \(Target.steps.map(\.rawValue).joined(separator: ", "))")
            }
            messages = try c.decodeIfPresent([String].self, forKey: .messages) ?? []
        }

        /// The failure to plan.
        var planned: PlannedFailure { PlannedFailure(step: step, messages: messages) }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            if let id { try c.encode(id, forKey: .target) } else { try c.encode("next", forKey: .target) }
            try c.encode(step, forKey: .step)
            try c.encode(messages, forKey: .messages)
        }
    }

    public init(faults: [FaultRule] = [], rateLimit: RateLimit? = nil, failAt: [SubmissionFailure] = [],
                failLabelsAt: [LabelFailure] = [], sasLifetimeSeconds: Double? = nil, nextLinkForm: NextLinkForm? = nil,
                driverMetadataIn: DriverMetadataPlacement? = nil, identity: IdentitySetup? = nil) {
        self.identity = identity
        self.faults = faults
        self.rateLimit = rateLimit
        self.failAt = failAt
        self.failLabelsAt = failLabelsAt
        self.sasLifetimeSeconds = sasLifetimeSeconds
        self.nextLinkForm = nextLinkForm
        self.driverMetadataIn = driverMetadataIn
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case faults, rateLimit, failAt, failLabelsAt, sasLifetimeSeconds, nextLinkForm, driverMetadataIn, identity
        case partnerSubmissions, failPreprodPackages
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        faults = try c.decodeIfPresent([FaultRule].self, forKey: .faults) ?? []
        rateLimit = try c.decodeIfPresent(RateLimit.self, forKey: .rateLimit)
        failAt = try c.decodeIfPresent([SubmissionFailure].self, forKey: .failAt) ?? []
        failLabelsAt = try c.decodeIfPresent([LabelFailure].self, forKey: .failLabelsAt) ?? []
        sasLifetimeSeconds = try c.decodeIfPresent(Double.self, forKey: .sasLifetimeSeconds)
        nextLinkForm = try Self.decodeChoice(NextLinkForm.self, forKey: .nextLinkForm, in: c, names: NextLinkForm.names)
        driverMetadataIn = try Self.decodeChoice(
            DriverMetadataPlacement.self, forKey: .driverMetadataIn, in: c, names: DriverMetadataPlacement.names)
        partnerSubmissions = try c.decodeIfPresent([JSONValue].self, forKey: .partnerSubmissions) ?? []
        failPreprodPackages = try c.decodeIfPresent([JSONValue].self, forKey: .failPreprodPackages) ?? []
        identity = try c.decodeIfPresent(IdentitySetup.self, forKey: .identity)
    }

    /// One of a string enumeration's values, refused with the list of them.
    private static func decodeChoice<T: RawRepresentable & Decodable>(
        _ type: T.Type, forKey key: CodingKeys, in c: KeyedDecodingContainer<CodingKeys>, names: String
    ) throws -> T? where T.RawValue == String {
        guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "must be one of \(names) (got \"\(text)\")")
        }
        return value
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
        for (i, share) in partnerSubmissions.enumerated() {
            for key in ["publisherId", "sourceProductId", "sourceSubmissionId"] where (share[key]?.int64Value ?? 0) <= 0 {
                problems.append("partnerSubmissions[\(i)].\(key): must be a positive 64-bit ID")
            }
            let submission = share["submissionId"]
            if submission?.stringValue?.lowercased() != "next" && (submission?.int64Value ?? 0) <= 0 {
                problems.append("partnerSubmissions[\(i)].submissionId: must be \"next\" or a submission ID (with its productId)")
            }
        }
        for (i, failure) in failPreprodPackages.enumerated() {
            if failure["package"]?.stringValue == nil { problems.append("failPreprodPackages[\(i)].package: must be \"next\" or a package ID") }
            if let messages = failure["messages"], messages.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
                problems.append("failPreprodPackages[\(i)].messages: must be an array of strings")
            }
        }
        problems += (identity?.problems ?? []).map { "identity.\($0)" }
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
