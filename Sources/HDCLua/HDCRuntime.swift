import DevCenter
import Foundation
import LuaKit

/// The `hdc` module in one Lua state: the scheduler that runs the script's coroutines, the
/// wrapped `coroutine` library, the global `hdc` table, and the clients scripts talk through.
///
/// The interpreter makes one per run and calls ``install()`` after opening Lua's libraries.
/// Start-up stays cheap: `install()` only replaces a few `coroutine` functions and sets an empty
/// `hdc` table whose functions are bound the first time a script touches it; no client (and no
/// HTTP client) exists until a call needs the service.
///
/// ```swift
/// let runtime = HDCRuntime(state: state, configuration: HDCConfiguration(logger: logger))
/// runtime.install()
/// try stack.loadFile("workflow.lua")
/// try runtime.scheduler.call(on: stack, arguments: 0, results: 0)   // instead of stack.call
/// ```
public final class HDCRuntime {
    public let state: LuaState
    public let scheduler: CoroutineScheduler
    /// Read when a client is first needed: set it before the script runs.
    public var configuration: HDCConfiguration {
        didSet { madeRedactor = nil }
    }
    // Two optionals rather than a `Result<ScriptClient, HDCError>?`: that generic type's metadata
    // is made at run time with a scan of the binary's conformances, even for a run that never
    // makes a client (docs/performance.md, start-up).
    private var defaultClientMade: ScriptClient?
    private var defaultClientFailure: HDCError?
    /// The base library's `pcall`, as it was when `hdc` was first touched (workers of
    /// `hdc.parallel` call items through it).
    private(set) var pcallRef: LuaRef?
    /// `hdc.Client` and `hdc.Task` userdata, registered on first use.
    lazy var clientType: LuaUserdataType<ScriptClient> = HDCModule.clientType(runtime: self)
    lazy var taskType: LuaUserdataType<ScriptTask> = HDCModule.taskType(runtime: self)
    /// Where `hdc.upload` and `hdc.download` show their progress on stderr.
    lazy var transferDisplay = TransferProgressDisplay(mode: configuration.progress, logger: configuration.logger)
    /// The transfer URLs the service handed out in this run (where a sandbox may transfer).
    let transferURLs = TransferURLLedger()
    private var registeredTypes: Set<String> = []
    private var madeRedactor: Redactor?
    /// The secrets of the clients made so far, kept apart from ``madeRedactor``, which a new
    /// configuration makes again.
    private var clientSecrets = Redactor()
    /// Sandboxes (`--sandbox`, `sandbox.run`): made when first needed.
    public private(set) lazy var sandbox = SandboxSupport(runtime: self)

    public init(state: LuaState, configuration: HDCConfiguration = HDCConfiguration()) {
        self.state = state
        self.configuration = configuration
        scheduler = CoroutineScheduler(state: state)
    }

    // MARK: Installing

    /// Wraps the `coroutine` library, makes Ctrl-C raise `hdc`'s `interrupted` error, and sets
    /// the global `hdc` (also `package.loaded.hdc`, so `require "hdc"` returns it). Call once,
    /// after the standard libraries are open.
    public func install() {
        let stack = state.stack
        HostCoroutineLibrary.install(on: stack, scheduler: scheduler)
        StdlibLibraries.preload(on: stack, runtime: self)
        installSecretFreeGetenv(on: stack)
        weak let weakScheduler = scheduler
        state.setInterruptError { (weakScheduler?.interruptReason() ?? .interrupted()).pushErrorValue(on: $0) }
        weak let runtime = self
        stack.newTable()
        stack.newTable(fieldCapacity: 2)
        stack.push(function: { call in
            runtime?.fillModule(at: 1, on: call.stack)
            call.stack.top = 2
            try call.stack.get(at: 1)
            return .values(1)
        })
        stack.rawSet(at: -2, "__index")
        stack.push(function: { call in
            runtime?.fillModule(at: 1, on: call.stack)
            call.stack.top = 1
            call.stack.getGlobal("next")
            call.stack.pushValue(at: 1)
            call.stack.pushNil()
            return .values(3)
        })
        stack.rawSet(at: -2, "__pairs")
        stack.setMetatable(at: -2)
        stack.pushRegistry()
        if stack.rawGet(at: -1, "_LOADED") == .table {
            stack.pushValue(at: -3)
            stack.rawSet(at: -2, HDCModule.name)
        }
        stack.pop(2)
        stack.setGlobal(HDCModule.name)
    }

    /// Binds every function and field of `hdc` into the table at `index` (once; fields a script
    /// set already are kept) and removes the table's filling metatable.
    func fillModule(at index: Int32, on stack: LuaStack) {
        let table = stack.absolute(index)
        stack.pushNil()
        stack.setMetatable(at: table)
        if pcallRef == nil {
            stack.getGlobal("pcall")
            pcallRef = stack.ref()
        }
        HDCModule.fill(tableAt: table, on: stack, runtime: self)
    }

    // MARK: Redacting

    /// What everything the run shows goes through (`hdc.redact`, `log`, uncaught errors): the
    /// patterns of ``Redactor``, the values of the secret variables (``SecretVariables``, and
    /// those ``SecretEnvironment`` took), the secrets given on the command line, and the
    /// secrets of every client made so far.
    public var redactor: Redactor {
        if let madeRedactor { return madeRedactor }
        var redactor = Redactor()
        let environment = environment
        // Not the variables that only say where a secret is: an error must name the file.
        let locations = ConnectionSettings.EnvironmentVariable.credentialLocationVariables
        for name in SecretVariables.names + SecretEnvironment.takenNames where !locations.contains(name) {
            if let value = environment[name] { redactor.add(value) }
        }
        for value in SecretEnvironment.takenValues { redactor.add(value) }
        for secret in [configuration.connection.clientSecret, configuration.connection.accessToken].compactMap({ $0 }) {
            redactor.add(secret.exposedValue)
        }
        redactor = redactor.merging(clientSecrets)
        madeRedactor = redactor
        return redactor
    }

    // MARK: Clients

    /// The client the module's functions use, made on first use from the configuration
    /// (command-line options, then the environment, then a profile). A configuration problem
    /// is the `configuration` error of every call that needs the service.
    public func defaultClient() throws(HDCError) -> ScriptClient {
        if let defaultClientMade { return defaultClientMade }
        if let defaultClientFailure { throw defaultClientFailure }
        do {
            let client = try makeClient(
                options: configuration.connection, environment: environment, isEmulator: configuration.emulator != nil,
                explicitSource: configuration.emulator != nil ? "--emulator" : "the command line",
                behaviour: try environmentBehaviour(), profileTimeout: try explicitRequestTimeout() == nil)
            defaultClientMade = client
            return client
        } catch {
            defaultClientFailure = error
            throw error
        }
    }

    /// The environment settings come from: the configuration's, or the process's (with the
    /// secrets ``SecretEnvironment`` took out of it).
    public var environment: [String: String] { configuration.environment ?? SecretEnvironment.variables }

    /// The client behaviour the run asks for (`--request-timeout`, `hdc.set_request_timeout`,
    /// `HDC_REQUEST_TIMEOUT`), on the defaults.
    func environmentBehaviour() throws(HDCError) -> DevCenterConfiguration {
        var behaviour = DevCenterConfiguration()
        if let timeout = try explicitRequestTimeout() { behaviour.requestTimeout = timeout }
        return behaviour
    }

    /// The request timeout the command line, the script or the environment sets; nil leaves
    /// it to a profile's `request_timeout`, then the defaults.
    func explicitRequestTimeout() throws(HDCError) -> Duration? {
        if let timeout = configuration.requestTimeout { return timeout }
        do {
            return try DevCenterConfiguration.attemptTimeout(inEnvironment: environment)
        } catch {
            throw HDCError(describing: error)
        }
    }

    /// Sets the request timeout of the run (`hdc.set_request_timeout`): the default client is
    /// made again with it at its next use.
    func setRequestTimeout(_ timeout: Duration) {
        configuration.requestTimeout = timeout
        defaultClientMade = nil
        defaultClientFailure = nil
    }

    /// The transfer options of an `hdc.upload` or `hdc.download` given none: the defaults, with
    /// the attempt timeout of `HDC_REQUEST_TIMEOUT` when it is set.
    var defaultTransferOptions: TransferOptions {
        var options = TransferOptions()
        if let timeout = try? explicitRequestTimeout() { options.requestTimeout = timeout }
        return options
    }

    /// A client for `options`, resolved against `environment` and the configured profiles.
    func makeClient(
        options: ConnectionOptions, environment: [String: String], isEmulator: Bool, explicitSource: String,
        behaviour: DevCenterConfiguration = DevCenterConfiguration(), profileTimeout: Bool = false
    ) throws(HDCError) -> ScriptClient {
        do {
            let settings = try ConnectionSettings.resolve(options: options, environment: environment, profiles: configuration.profiles)
            var behaviour = behaviour
            if profileTimeout, let timeout = settings.requestTimeout { behaviour.requestTimeout = timeout }
            let client = DevCenterClient(
                settings: settings, configuration: behaviour, transport: configuration.transport ?? AsyncHTTPClientTransport.shared,
                logger: configuration.logger)
            clientSecrets = clientSecrets.merging(client.redactor)
            madeRedactor = nil
            return ScriptClient(client: client, settings: settings, isEmulator: isEmulator, explicitSource: explicitSource)
        } catch {
            throw HDCError(describing: error)
        }
    }

    /// Pushes an `hdc.Client` userdata for `client`.
    func push(client: ScriptClient, on stack: LuaStack) {
        let type = clientType
        if registeredTypes.insert(type.name).inserted { state.register(type) }
        stack.push(userdata: client, of: type)
    }

    /// Pushes an `hdc.Task` userdata for `task`.
    func push(task: ScriptTask, on stack: LuaStack) {
        let type = taskType
        if registeredTypes.insert(type.name).inserted { state.register(type) }
        stack.push(userdata: task, of: type)
    }

    /// An uploader on `client`'s transport and logger, or (for a bare SAS URL, which needs no
    /// credentials) on the run's.
    func blobUploader(client: DevCenterClient?, options: TransferOptions) -> BlobUploader {
        client?.blobUploader(options: options)
            ?? BlobUploader(options: options, transport: configuration.transport ?? AsyncHTTPClientTransport.shared, logger: configuration.logger)
    }

    /// A downloader on `client`'s transport and logger, or on the run's.
    func blobDownloader(client: DevCenterClient?, options: TransferOptions) -> BlobDownloader {
        client?.blobDownloader(options: options)
            ?? BlobDownloader(options: options, transport: configuration.transport ?? AsyncHTTPClientTransport.shared, logger: configuration.logger)
    }

    // MARK: Waiting

    /// Runs Swift async work for the binding behind `call`: the coroutine yields to the
    /// scheduler meanwhile (or the thread waits, where it cannot yield); then `deliver` gets
    /// the value, or the failure as an ``HDCError``.
    func perform<Value: Sendable>(
        _ call: LuaCall, _ work: @escaping @Sendable () async throws -> Value,
        outcome deliver: @escaping (LuaCall, Result<Value, HDCError>) throws -> LuaReturn
    ) throws -> LuaReturn {
        let op = scheduler.startWork(work)
        return try scheduler.waitFor(op, in: call) { call, outcome in
            switch outcome {
            case .success(let value):
                guard let value = value as? Value else {
                    return try deliver(call, .failure(HDCError.script("hwsubmit: an operation returned an unexpected value")))
                }
                return try deliver(call, .success(value))
            case .failure(let error):
                return try deliver(call, .failure(HDCError(describing: error)))
            }
        }
    }

    /// ``perform(_:_:outcome:)`` that raises the failure and delivers only a value.
    func perform<Value: Sendable>(
        _ call: LuaCall, _ work: @escaping @Sendable () async throws -> Value,
        deliver: @escaping (LuaCall, Value) throws -> LuaReturn
    ) throws -> LuaReturn {
        try perform(call, work) { call, outcome in try deliver(call, outcome.get()) }
    }
}
