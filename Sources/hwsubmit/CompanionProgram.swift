#if canImport(Glibc)
import Glibc
#endif

/// A program installed beside `hwsubmit` that a subcommand hands over to with `exec`.
struct CompanionProgram {
    let executableName: String
    /// How to get the program when it is missing.
    let remedy: String

    static let emulator = CompanionProgram(
        executableName: "hwsubmit-emulator",
        remedy: "install hwsubmit with 'make install' (it installs both programs), or build it with 'swift build --product hwsubmit-emulator'"
    )

    /// Replaces this process with the program, passing `arguments`; returns only on failure,
    /// after saying what went wrong.
    func exec(_ arguments: [String]) -> ExitStatus {
        guard let directory = ExecutableLocation.directory else {
            Diagnostics.error("cannot run \(executableName): the location of hwsubmit itself is unknown (/proc/self/exe is unreadable); \(remedy)")
            return .commandNotFound
        }
        let path = FilePath.join(directory, executableName)
        guard FilePath.isFile(path) else {
            Diagnostics.error("cannot run \(executableName): \(path) does not exist (it is looked for beside hwsubmit); \(remedy)")
            return .commandNotFound
        }
        var argv: [UnsafeMutablePointer<CChar>?] = ([executableName] + arguments).map { strdup($0) }
        argv.append(nil)
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        Diagnostics.error("cannot run \(path): \(reason); check that it is an executable file, or reinstall with 'make install'")
        return .cannotExecute
    }
}
