import DevCenter
import HDCLua
#if canImport(Glibc)
import Glibc
#endif

/// The `hwsubmit-emulator` a run with `--emulator` starts: a child process on a free loopback
/// port, in a process group of its own (a Ctrl-C meant for the script does not stop it), with a
/// pipe on its standard input so that it exits when hwsubmit does, however hwsubmit ends
/// (`os.exit`, a second Ctrl-C, even SIGKILL).
final class EmulatorProcess {
    /// Why the emulator did not start, with the exit status the interpreter reports.
    struct StartError: Error {
        let message: String
        let status: ExitStatus
    }

    let pid: pid_t
    private var stdinWriter: Int32
    /// Where it listens.
    let endpoints: EmulatorEndpoints
    /// The default client's settings: its URLs and demo credentials (which stay in Swift).
    let connection: ConnectionOptions

    private init(pid: pid_t, stdinWriter: Int32, endpoints: EmulatorEndpoints, connection: ConnectionOptions) {
        self.pid = pid
        self.stdinWriter = stdinWriter
        self.endpoints = endpoints
        self.connection = connection
    }

    deinit { stop() }

    /// Starts `hwsubmit-emulator --port 0 --ready-json --exit-on-stdin-eof` plus `arguments`,
    /// found beside the running hwsubmit, and waits for its ready line.
    static func start(arguments: [String], readyTimeout: Duration = .seconds(60)) throws(StartError) -> EmulatorProcess {
        let program = CompanionProgram.emulator
        guard let directory = ExecutableLocation.directory else {
            throw StartError(
                message: "cannot start the emulator: the location of hwsubmit itself is unknown (/proc/self/exe is unreadable); \(program.remedy)",
                status: .commandNotFound)
        }
        let path = FilePath.join(directory, program.executableName)
        guard FilePath.isFile(path) else {
            throw StartError(
                message: "cannot start the emulator: \(path) does not exist (it is looked for beside hwsubmit); \(program.remedy)",
                status: .commandNotFound)
        }
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        guard pipe(&input) == 0, pipe(&output) == 0 else {
            throw StartError(message: "cannot start the emulator: no pipe: \(String(cString: strerror(errno)))", status: .scriptError)
        }
        // Its stderr goes to an unlinked temporary file: read only when it fails to start.
        var template = Array("/tmp/hwsubmit-emulator-XXXXXX".utf8CString)
        let errors = mkstemp(&template)
        if errors >= 0 { unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }) }
        // Only the child's copies (made by dup2, which clears the flag) cross the exec.
        for fd in input + output + [errors] where fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        defer {
            close(input[0])
            close(output[1])
            if errors >= 0 { close(errors) }
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        if errors >= 0 { posix_spawn_file_actions_adddup2(&actions, errors, 2) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = [program.executableName, "--port", "0", "--ready-json", "--exit-on-stdin-eof"] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cArguments.append(nil)
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, cArguments, environ)
        guard spawned == 0 else {
            close(input[1])
            close(output[0])
            throw StartError(
                message: "cannot run \(path): \(String(cString: strerror(spawned))); check that it is an executable file, or reinstall with 'make install'",
                status: .cannotExecute)
        }
        let ready = readLine(from: output[0], timeout: readyTimeout)
        close(output[0])
        guard let ready, let parsed = try? JSONValue(parsing: ready), let settings = Self.settings(from: parsed) else {
            close(input[1])
            let status = reap(pid, within: .seconds(2))
            let said = errors >= 0 ? contents(of: errors) : ""
            let reason = said.isEmpty ? (ready == nil ? "it printed no ready line" : "its ready line could not be read") : said
            throw StartError(
                message: "the emulator did not start: \(String(reason.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()))",
                status: status == 64 ? .usage : .scriptError)
        }
        return EmulatorProcess(pid: pid, stdinWriter: input[1], endpoints: settings.0, connection: settings.1)
    }

    /// Stops the emulator (closing its stdin) and waits for it; later calls do nothing.
    func stop() {
        guard stdinWriter >= 0 else { return }
        close(stdinWriter)
        stdinWriter = -1
        if Self.reap(pid, within: .seconds(5)) == nil {
            kill(pid, SIGKILL)
            _ = Self.reap(pid, within: .seconds(2))
        }
    }

    // MARK: Helpers

    private static func settings(from ready: JSONValue) -> (EmulatorEndpoints, ConnectionOptions)? {
        guard let base = ready["baseURL"]?.stringValue, let authority = ready["authority"]?.stringValue,
            let tokenURL = ready["tokenURL"]?.stringValue, let admin = ready["adminURL"]?.stringValue,
            let tenant = ready["tenantId"]?.stringValue, let client = ready["clientId"]?.stringValue,
            let secret = ready["clientSecret"]?.stringValue
        else { return nil }
        let endpoints = EmulatorEndpoints(
            baseURL: base, authority: authority, tokenURL: tokenURL, adminURL: admin, tenantID: tenant, clientID: client)
        var connection = ConnectionOptions(
            tenantID: tenant, clientID: client, clientSecret: Secret(secret), baseURL: base, authorityHost: authority)
        // A managed identity asked for with HDC_CREDENTIAL is the emulator's, never a real machine's.
        connection.imdsHost = authority
        return (endpoints, connection)
    }

    /// One line from `fd` (without its newline), or nil at end of file or after `timeout`.
    private static func readLine(from fd: Int32, timeout: Duration) -> String? {
        var line: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        var byte: UInt8 = 0
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left.components.seconds * 1000 + 1, 1000)))
            if ready < 0 && errno != EINTR { return nil }
            if ready <= 0 { continue }
            let count = read(fd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return nil }
            if byte == 0x0A { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    /// Waits up to `limit` for `pid` to exit; its exit status, or nil if it is still running.
    @discardableResult
    private static func reap(_ pid: pid_t, within limit: Duration) -> Int32? {
        let deadline = ContinuousClock.now + limit
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
            if done < 0 && errno != EINTR { return -1 }
            if ContinuousClock.now >= deadline { return nil }
            usleep(10_000)
        }
    }

    private static func contents(of fd: Int32) -> String {
        lseek(fd, 0, SEEK_SET)
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { break }
            data += buffer[..<count]
            if data.count > 64 * 1024 { break }
        }
        return String(decoding: data, as: UTF8.self)
    }
}
