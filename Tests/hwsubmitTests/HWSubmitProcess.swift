import Foundation
import Testing

/// Runs the built `hwsubmit` binary (the one beside this test bundle) and captures what it
/// writes and how it exits: ``ScriptProcess`` with standard input, so that every run has its
/// time limit.
struct HWSubmitProcess {
    typealias Outcome = ScriptProcess.Outcome

    /// The directory `swift build` put the binaries in: the test bundle's own.
    static let buildDirectory: URL = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent()
    }()

    static var binary: URL { buildDirectory.appendingPathComponent("hwsubmit") }

    /// Runs `executable` (hwsubmit by default) with `arguments`, feeding `stdin`; killed, and
    /// the test failed with its output so far, after `timeout` seconds.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        removing removedVariables: [String] = [], executable: URL? = nil, directory: URL? = nil,
        timeout: Double = ScriptProcess.defaultTimeout, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Outcome {
        let executable = executable ?? binary
        #expect(FileManager.default.isExecutableFile(atPath: executable.path), "build hwsubmit first: swift build")
        return try ScriptProcess.run(
            arguments, stdin: stdin, environment: environment, removing: ["HWSUBMIT_PATH"] + removedVariables,
            executable: executable, directory: directory, timeout: timeout, sourceLocation: sourceLocation)
    }
}

/// A directory under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hwsubmit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes a file (creating directories) and returns its URL.
    @discardableResult
    func write(_ relativePath: String, _ contents: String, executable: Bool = false) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path) }
        return file
    }
}
