import Foundation
import Testing

/// Runs the built `hwsubmit` binary (the one beside this test bundle) and captures what it
/// writes and how it exits.
struct HWSubmitProcess {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        let signalled: Bool
    }

    /// The directory `swift build` put the binaries in: the test bundle's own.
    static let buildDirectory: URL = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent()
    }()

    static var binary: URL { buildDirectory.appendingPathComponent("hwsubmit") }

    /// Runs `executable` (hwsubmit by default) with `arguments`, feeding `stdin`.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        removing removedVariables: [String] = [], executable: URL? = nil, directory: URL? = nil
    ) throws -> Outcome {
        let executable = executable ?? binary
        #expect(FileManager.default.isExecutableFile(atPath: executable.path), "build hwsubmit first: swift build")
        let scratch = try TemporaryDirectory()
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        let inURL = scratch.url.appendingPathComponent("stdin")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for name in ["LUA_INIT", "LUA_INIT_5_4", "LUA_PATH", "LUA_PATH_5_4", "LUA_CPATH", "LUA_CPATH_5_4", "HWSUBMIT_PATH", "GITHUB_STEP_SUMMARY"]
            + removedVariables {
            env.removeValue(forKey: name)
        }
        env.merge(environment) { _, new in new }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let input = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        try input.close()
        return Outcome(
            status: process.terminationStatus,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8),
            signalled: process.terminationReason == .uncaughtSignal
        )
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
