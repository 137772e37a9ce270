import Foundation
import Testing

/// hwsubmit's own `stdlib/` comes first on `package.path`, wherever hwsubmit runs from.
@Suite struct StdlibPathTests {
    @Test func sourceCheckoutStdlibComesFirst() throws {
        let result = try HWSubmitProcess.run(["-e", "print(package.path)"])
        #expect(result.status == 0)
        let first = try #require(result.stdout.split(separator: ";").first)
        #expect(first.hasSuffix("/stdlib/?.lua"))
        let checkout = String(first.dropLast("/stdlib/?.lua".count))
        #expect(FileManager.default.fileExists(atPath: checkout + "/Package.swift"))
    }

    @Test func installedLayoutFindsShareStdlib() throws {
        let prefix = try TemporaryDirectory()
        let bin = prefix.url.appendingPathComponent("bin/hwsubmit")
        try FileManager.default.createDirectory(at: bin.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: HWSubmitProcess.binary, to: bin)
        try prefix.write("share/hwsubmit/stdlib/probe.lua", "return 'installed stdlib'")
        let result = try HWSubmitProcess.run(["-e", "print((require 'probe'))"], executable: bin)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "installed stdlib\n")
    }

    @Test func hwsubmitPathOverrides() throws {
        let dir = try TemporaryDirectory()
        try dir.write("probe.lua", "return 'override'")
        let result = try HWSubmitProcess.run(["-e", "print((require 'probe'))"], environment: ["HWSUBMIT_PATH": dir.url.path])
        #expect(result.stdout == "override\n")
        let ignored = try HWSubmitProcess.run(["-E", "-e", "print(pcall(require, 'probe'))"], environment: ["HWSUBMIT_PATH": dir.url.path])
        #expect(ignored.stdout.hasPrefix("false\tmodule 'probe' not found"))
    }
}
