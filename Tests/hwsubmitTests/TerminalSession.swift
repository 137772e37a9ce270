import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `hwsubmit` running in a pseudo-terminal: a tmux server of its own (a private
/// socket), a 120x40 window, and a home directory of its own, so tests can type keys and read
/// the screen as a person would.
///
/// Nothing here sleeps for a fixed time: ``waitFor(_:timeout:)`` polls the screen until what
/// a test expects appears, with a generous timeout for slow machines. The tmux server is
/// killed by ``close()`` and, whatever happens, when the session goes away.
final class TerminalSession {
    /// The tmux server's socket, in `home` so that it goes away with it.
    let socket: String
    let home: TemporaryDirectory
    private var closed = false

    /// Where `XDG_STATE_HOME` points: the history is `stateDirectory/hwsubmit/history`.
    var stateDirectory: URL { Self.stateDirectory(home: home) }
    var historyFile: URL { Self.historyFile(home: home) }

    static func stateDirectory(home: TemporaryDirectory) -> URL { home.url.appendingPathComponent("state") }
    /// The REPL's history file for a session started with `home`.
    static func historyFile(home: TemporaryDirectory) -> URL {
        stateDirectory(home: home).appendingPathComponent("hwsubmit/history")
    }

    /// Starts `hwsubmit arguments` in a new tmux server, with `home` as HOME (a new one by
    /// default) and `environment` added. After it ends, the pane shows `[exited N]`.
    init(_ arguments: [String] = [], environment: [String: String] = [:], home: TemporaryDirectory? = nil) throws {
        try #require(Self.tmuxPath != nil, "tmux is missing: 'make deps' installs it")
        self.home = try home ?? TemporaryDirectory()
        socket = self.home.url.appendingPathComponent("tmux-\(UUID().uuidString.prefix(8))").path
        var variables = [
            "HOME": self.home.url.path, "XDG_STATE_HOME": stateDirectory.path, "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        ]
        variables.merge(environment) { _, new in new }
        let unset = ["LUA_INIT", "LUA_INIT_5_4", "LUA_PATH", "LUA_PATH_5_4", "LUA_CPATH", "LUA_CPATH_5_4", "HWSUBMIT_PATH",
                     "HWSUBMIT_LIBEDIT", "EDITRC"]
        let command = ["env"] + unset.flatMap { ["-u", $0] } + variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + [HWSubmitProcess.binary.path] + arguments
        // The shell stays to report the exit status; it ignores the Ctrl-C the tests send.
        let script = "trap true INT; \(command.map(Self.shellQuoted).joined(separator: " ")); echo \"[exited $?]\"; exec sleep 3600"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "sh", "-c", script])
    }

    deinit { close() }

    /// Kills the tmux server (and so hwsubmit); later calls do nothing.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
    }

    /// Types `text` literally (no key names).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
    }

    /// Presses keys by tmux name: `Enter`, `Tab`, `Up`, `C-c`, `C-d`.
    func press(_ keys: String...) throws {
        try tmux(["send-keys"] + keys)
    }

    /// Types a line and presses Enter.
    func enter(_ line: String) throws {
        try type(line)
        try press("Enter")
    }

    /// The screen as text, wrapped lines joined.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-J"], capturing: true)
    }

    /// Everything the pane has shown, the lines scrolled off the screen included.
    func history() throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-S", "-"], capturing: true)
    }

    /// Waits until the screen satisfies `condition`; returns the screen, or fails the test
    /// (showing the screen) after `timeout` seconds.
    @discardableResult
    func waitFor(_ description: String, timeout: TimeInterval = 60, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var text = try screen()
        while !condition(text) {
            guard Date() < deadline else {
                Issue.record("timed out waiting for \(description); the screen shows:\n\(text)", sourceLocation: sourceLocation)
                throw TerminalTimeout()
            }
            usleep(50_000)
            text = try screen()
        }
        return text
    }

    /// Waits until the screen contains `text`. Runs of spaces and tabs compare as one space
    /// (the screen shows a tab as spaces).
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 60, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let expected = Self.collapsingSpaces(text)
        return try waitFor("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) {
            Self.collapsingSpaces($0).contains(expected)
        }
    }

    static func collapsingSpaces(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for character in text {
            let isSpace = character == " " || character == "\t"
            if !(isSpace && lastWasSpace) { out.append(isSpace ? " " : character) }
            lastWasSpace = isSpace
        }
        return out
    }

    /// Waits until the last non-empty line of the screen is `line` (a fresh prompt), trailing
    /// spaces aside.
    @discardableResult
    func waitForLastLine(_ line: String, timeout: TimeInterval = 60, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("a last line '\(line)'", timeout: timeout, sourceLocation: sourceLocation) { Self.lastLine(of: $0) == line }
    }

    /// Waits until `text` is on the screen with a fresh prompt `prompt` on a line after it: what
    /// a person waits for before typing again.
    @discardableResult
    func waitForPrompt(after text: String, prompt: String = ">", timeout: TimeInterval = 60,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("a prompt '\(prompt)' after '\(text)'", timeout: timeout, sourceLocation: sourceLocation) { screen in
            guard let found = screen.range(of: text, options: .backwards) else { return false }
            let rest = String(screen[found.upperBound...])
            return rest.contains("\n") && Self.lastLine(of: rest) == prompt
        }
    }

    static func lastLine(of screen: String) -> String? {
        let lines = screen.split(separator: "\n").map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        return lines.last { !$0.isEmpty }
    }

    /// Runs tmux on this session's socket; returns its standard output when `capturing`.
    ///
    /// tmux is started with posix_spawn, every descriptor above standard error closed and the
    /// signals reset in the child: `new-session` forks a server that lives on, and it must hold
    /// no descriptor of this process and obey `kill-server`. (Foundation's `Process` notices a
    /// child's exit through a socket the child inherits, so with it `new-session` would seem to
    /// run until the server ended.)
    @discardableResult
    private func tmux(_ arguments: [String], capturing: Bool = false) throws -> String {
        let path = Self.tmuxPath ?? "/usr/bin/tmux"
        var output: [Int32] = [-1, -1]
        if capturing {
            guard pipe(&output) == 0 else { throw TmuxFailure(arguments: arguments, reason: String(cString: strerror(errno))) }
            _ = fcntl(output[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(output[1], F_SETFD, FD_CLOEXEC)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capturing {
            posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = Self.closeDescriptorsFrom(&actions, 3)
        // The server inherits the signal mask and ignored signals of the thread that spawns it;
        // a test runner's blocked SIGTERM would make it deaf to `kill-server`.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TMUX")
        let argv = ([path, "-S", socket] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        if capturing { Glibc.close(output[1]) }
        guard spawned == 0 else {
            if capturing { Glibc.close(output[0]) }
            throw TmuxFailure(arguments: arguments, reason: String(cString: strerror(spawned)))
        }
        var text: [UInt8] = []
        if capturing {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(output[0], $0.baseAddress, $0.count) }
                if n > 0 {
                    text += chunk[..<n]
                } else if n == 0 || errno != EINTR {
                    break
                }
            }
            Glibc.close(output[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return String(decoding: text, as: UTF8.self)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's
    /// Glibc module does not declare.
    private static let closeDescriptorsFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            fatalError("glibc 2.34 or later is needed: posix_spawn_file_actions_addclosefrom_np is missing")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    static let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct TerminalTimeout: Error {}

/// tmux could not be started.
struct TmuxFailure: Error, CustomStringConvertible {
    let arguments: [String]
    let reason: String
    var description: String { "cannot run tmux \(arguments.joined(separator: " ")): \(reason)" }
}
