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

    /// `HWSUBMIT_PATH` lists team module folders searched before the stdlib, which stays
    /// searched after them: a team's module is found, and so are `workflow` and `args`.
    @Test func hwsubmitPathAddsFoldersBeforeTheStdlib() throws {
        let team = try TemporaryDirectory()
        try team.write("contoso/release.lua", "return {_VERSION = '2.3.0'}")
        let other = try TemporaryDirectory()
        try other.write("fabrikam.lua", "return 'fabrikam'")
        let list = team.url.path + ":" + other.url.path
        let result = try HWSubmitProcess.run([
            "-e", "print(require('contoso.release')._VERSION, require('fabrikam'), require('workflow')._VERSION, type(require('args').parse))",
        ], environment: ["HWSUBMIT_PATH": list])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2.3.0\tfabrikam\t1.0\tfunction\n")

        let path = try HWSubmitProcess.run(["-e", "print(package.path)"], environment: ["HWSUBMIT_PATH": list + ":"])
        let entries = path.stdout.trimmingCharacters(in: .newlines).split(separator: ";").map(String.init)
        #expect(Array(entries.prefix(5)) == [
            team.url.path + "/?.lua", team.url.path + "/?/init.lua", other.url.path + "/?.lua", other.url.path + "/?/init.lua",
            entries.first { $0.hasSuffix("/stdlib/?.lua") } ?? "the stdlib",
        ], "\(entries)")

        let ignored = try HWSubmitProcess.run(["-E", "-e", "print(pcall(require, 'fabrikam'))"], environment: ["HWSUBMIT_PATH": list])
        #expect(ignored.stdout.hasPrefix("false\tmodule 'fabrikam' not found"))
    }

    /// A folder of HWSUBMIT_PATH may shadow a stdlib module on purpose (a patched copy).
    @Test func aFolderOfHwsubmitPathCanShadowAStdlibModule() throws {
        let patched = try TemporaryDirectory()
        try patched.write("retry.lua", "return {_VERSION = '1.0-patched'}")
        let result = try HWSubmitProcess.run(["-e", "print(require('retry')._VERSION, require('report')._VERSION)"], environment: ["HWSUBMIT_PATH": patched.url.path])
        #expect(result.stdout == "1.0-patched\t1.0\n", "\(result.stderr)")
    }

    /// `hwsubmit test` runs with a team library on HWSUBMIT_PATH: its runner and `spec` come from
    /// the stdlib, and the specs load the team's modules.
    @Test func hwsubmitTestWorksWithATeamLibrary() throws {
        let team = try TemporaryDirectory()
        try team.write("contoso/naming.lua", "return {name = function(v) return 'contoso ' .. v end}")
        let work = try TemporaryDirectory()
        try work.write("checks/naming_spec.lua", """
            local spec = require "spec"
            local naming = require "contoso.naming"
            spec.describe("naming", function()
              spec.it("prefixes", function() spec.expect(naming.name("1.2")).to_be("contoso 1.2") end)
            end)
            """)
        let result = try HWSubmitProcess.run(["test", "checks"], environment: ["HWSUBMIT_PATH": team.url.path], directory: work.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("1 passed, 0 failed\n"), "\(result.stdout)")
    }
}
