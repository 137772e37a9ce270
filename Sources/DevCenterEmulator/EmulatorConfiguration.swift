import Logging

/// How an emulator instance serves: where it listens, how fast its pipeline walks, and who may sign in.
public struct EmulatorConfiguration: Sendable {
    /// The address to listen on; keep it on loopback.
    public var host: String
    /// The port; `0` picks a free one, read back from ``EmulatorServer/port``.
    public var port: Int
    /// How long each ingestion or shipping-label step takes (`0` finishes at once).
    public var stepDelay: Duration
    /// How long a Windows Update label stays in Microsoft approval, the service's human step
    /// (`nil`: one step delay, as every other step).
    public var approvalDelay: Duration?
    /// Whether the emulator's clock runs with real time (the default) or moves only when
    /// advanced through the admin API (tests whose steps are seconds long, on busy machines).
    public var clockFollowsRealTime = true
    /// How long an access token lives.
    public var tokenLifetime: Duration
    /// How long a SAS URL stays valid from when it is handed out.
    public var sasLifetime: Duration
    /// Items per page of a list answer (at least 1).
    public var pageSize: Int
    /// How long after `createpublishermetadata` a submission shared by a partner gets its driver metadata.
    public var metadataDelay: Duration = EmulatorDefaults.metadataDelay
    /// How list answers name their next page (a scenario's `nextLinkForm` overrides it).
    public var nextLinkForm: NextLinkForm
    public var tenantID: String
    public var clientID: String
    public var clientSecret: String
    /// The storage account name: the first path segment of every blob URL.
    public var storageAccount: String
    /// Faults, a rate limit and failing submissions to set up before the first request.
    public var scenario: EmulatorScenario?
    public var logger: Logger
    /// Called with each request-log entry as a request is answered (the command prints them).
    public var onRequest: (@Sendable (RequestLogEntry) -> Void)?

    public init(
        host: String = EmulatorDefaults.host, port: Int = 0, stepDelay: Duration = EmulatorDefaults.stepDelay,
        approvalDelay: Duration? = nil, tokenLifetime: Duration = EmulatorDefaults.tokenLifetime, sasLifetime: Duration = EmulatorDefaults.sasLifetime,
        pageSize: Int = EmulatorDefaults.pageSize, nextLinkForm: NextLinkForm = .absolute, tenantID: String = EmulatorDefaults.tenantID,
        clientID: String = EmulatorDefaults.clientID, clientSecret: String = EmulatorDefaults.clientSecret,
        storageAccount: String = EmulatorDefaults.storageAccount, scenario: EmulatorScenario? = nil,
        logger: Logger = Logger(label: "hwsubmit.emulator", factory: { _ in SwiftLogNoOpLogHandler() }),
        onRequest: (@Sendable (RequestLogEntry) -> Void)? = nil
    ) {
        self.host = host
        self.port = port
        self.stepDelay = stepDelay
        self.approvalDelay = approvalDelay
        self.tokenLifetime = tokenLifetime
        self.sasLifetime = sasLifetime
        self.pageSize = pageSize
        self.nextLinkForm = nextLinkForm
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.storageAccount = storageAccount
        self.scenario = scenario
        self.logger = logger
        self.onRequest = onRequest
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
