import Foundation
import Testing

/// `hwsubmit emulator ...` hands over to `hwsubmit-emulator` beside the binary.
@Suite struct SubcommandTests {
    /// A copy of hwsubmit alone in a directory, so companions are looked for there.
    private func isolatedCopy(in dir: TemporaryDirectory) throws -> URL {
        let copy = dir.url.appendingPathComponent("bin/hwsubmit")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: HWSubmitProcess.binary, to: copy)
        return copy
    }

    @Test func emulatorExecsTheCompanionWithItsArguments() throws {
        let dir = try TemporaryDirectory()
        let copy = try isolatedCopy(in: dir)
        try dir.write("bin/hwsubmit-emulator", "#!/bin/sh\necho \"emulator: $0 $*\"\nexit 7\n", executable: true)
        let result = try HWSubmitProcess.run(["emulator", "--port", "0", "two words"], executable: copy)
        #expect(result.status == 7)
        #expect(result.stdout == "emulator: \(dir.url.path)/bin/hwsubmit-emulator --port 0 two words\n")
    }

    @Test func missingEmulatorSaysWhereItLooked() throws {
        let dir = try TemporaryDirectory()
        let copy = try isolatedCopy(in: dir)
        let result = try HWSubmitProcess.run(["emulator"], executable: copy)
        #expect(result.status == 127)
        #expect(result.stderr.hasPrefix("hwsubmit: cannot run hwsubmit-emulator: \(dir.url.path)/bin/hwsubmit-emulator does not exist"))
        #expect(result.stderr.contains("make install"))
    }

    @Test func scriptNamedLikeASubcommandRunsWithDotSlash() throws {
        let dir = try TemporaryDirectory()
        try dir.write("emulator", "print('a script called emulator')")
        let dotted = try HWSubmitProcess.run(["./emulator"], directory: dir.url)
        #expect(dotted.stdout == "a script called emulator\n")
        let dashed = try HWSubmitProcess.run(["--", "emulator"], directory: dir.url)
        #expect(dashed.stdout == "a script called emulator\n")
    }
}
