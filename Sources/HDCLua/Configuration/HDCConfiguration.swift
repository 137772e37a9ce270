import DevCenter
import Logging

/// How the interpreter sets up the `hdc` module of a run: where the default client's settings
/// come from, where logs go, and what to do with progress.
public struct HDCConfiguration: Sendable {
    /// Settings given on the command line (`--profile`, `--base-url`) or by `--emulator`: the
    /// strongest source of the default client's settings.
    public var connection: ConnectionOptions
    /// The environment for unset settings (`HDC_*`); nil reads the process's when a client is
    /// first made.
    public var environment: [String: String]?
    /// Named profiles (`config.lua`); nil for none.
    public var profiles: (any ProfileSource)?
    /// Where DevCenter's log lines go (the client redacts them first).
    public var logger: Logger
    /// The emulator the run was started with (`--emulator`): `hdc.emulator` is there only then.
    public var emulator: EmulatorEndpoints?
    /// How `hdc.upload` and `hdc.download` show progress on stderr.
    public var progress: ProgressDisplay
    /// What clients send requests through; nil for DevCenter's shared HTTP client (hosts and
    /// tests may give their own, such as DevCenterTestSupport's in-memory transport).
    public var transport: (any HTTPTransport)?
    /// How long one HTTP request may wait for its answer (`--request-timeout`,
    /// `hdc.set_request_timeout`): stronger than `HDC_REQUEST_TIMEOUT` and a profile's
    /// `request_timeout`; nil leaves it to them.
    public var requestTimeout: Duration?

    public init(
        connection: ConnectionOptions = ConnectionOptions(), environment: [String: String]? = nil,
        profiles: (any ProfileSource)? = nil,
        logger: Logger = Logger(label: "hwsubmit", factory: { _ in SwiftLogNoOpLogHandler() }),
        emulator: EmulatorEndpoints? = nil, progress: ProgressDisplay = .none, transport: (any HTTPTransport)? = nil
    ) {
        self.connection = connection
        self.environment = environment
        self.profiles = profiles
        self.logger = logger
        self.emulator = emulator
        self.progress = progress
        self.transport = transport
    }
}

/// How transfers show their progress on stderr.
public enum ProgressDisplay: String, Sendable {
    /// A bar redrawn in place (stderr is a terminal).
    case bar
    /// A log line now and then (stderr is a file or a pipe).
    case lines
    /// Nothing (`--quiet`).
    case none
}

/// Where an emulator started for the run listens (no secret: the demo credentials stay in the
/// default client's settings, in Swift).
public struct EmulatorEndpoints: Sendable, Hashable {
    public var baseURL: String
    public var authority: String
    public var tokenURL: String
    public var adminURL: String
    public var tenantID: String
    public var clientID: String

    public init(baseURL: String, authority: String, tokenURL: String, adminURL: String, tenantID: String, clientID: String) {
        self.baseURL = baseURL
        self.authority = authority
        self.tokenURL = tokenURL
        self.adminURL = adminURL
        self.tenantID = tenantID
        self.clientID = clientID
    }
}
