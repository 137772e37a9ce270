import Foundation
import HDCLua
import Testing

/// The stdlib modules, bound Swift (`fs`, `archive`, `inf`, `log`) and plain Lua (`workflow`,
/// `args`, …): each holds exactly the functions the registry documents, and the bound ones work
/// on the example driver package.
@Suite struct StdlibModuleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let stdlibModules = ["fs", "archive", "inf", "log", "workflow", "args", "cli", "retry", "report", "spec"]

    /// Sets `package.path` to the repository's stdlib, then `code`.
    static func withStdlib(_ code: String) -> String {
        "package.path = \"\(root.path)/stdlib/?.lua;\" .. package.path\n" + code
    }

    @Test func everyStdlibModuleIsRegistered() {
        for name in Self.stdlibModules {
            #expect(LuaAPIRegistry.module(named: name) != nil, "\(name) is in the registry")
        }
    }

    @Test(arguments: stdlibModules)
    func theModuleHoldsExactlyWhatIsDocumented(_ name: String) async throws {
        let doc = try #require(LuaAPIRegistry.module(named: name))
        let found = try await ScriptHarness.text(Self.withStdlib("""
            local m = require "\(name)"
            local f, v = {}, {}
            for k, value in pairs(m) do if type(value) == "function" then f[#f + 1] = k else v[#v + 1] = k end end
            table.sort(f) table.sort(v)
            return table.concat(f, ",") .. ";" .. table.concat(v, ",")
            """))
        let functions = doc.functions.map(\.name).sorted().joined(separator: ",")
        let fields = doc.fields.map(\.name).sorted().joined(separator: ",")
        #expect(found == functions + ";" + fields, "\(name): functions and fields as documented")
    }

    @Test func archiveZipsReproduciblyAndInfReadsWhatItHolds() async throws {
        let example = Self.root.appendingPathComponent("examples/contoso-widget").path
        let text = try await ScriptHarness.text(Self.withStdlib("""
            local fs, archive, inf = require "fs", require "archive", require "inf"
            local tmp = fs.tmpdir("stdlib-test")
            local a = archive.zip("\(example)", fs.join(tmp, "a.zip"))
            local b = archive.zip("\(example)", fs.join(tmp, "sub/b.zip"))
            local same = fs.read(a.path) == fs.read(b.path)
            local names = {}
            for _, e in ipairs(archive.list(a.path)) do names[#names + 1] = e.path end
            local driver = inf.parse(archive.read(a.path, "CONTOSOWIDGET.INF"), "contosowidget.inf")
            local archs = {}
            for _, m in ipairs(driver.models) do archs[#archs + 1] = m.service_architecture .. "=" .. #m.devices end
            local missing, why = archive.read(a.path, "nothing.inf")
            local extracted = archive.extract(a.path, fs.join(tmp, "x"))
            local back = fs.read(fs.join(tmp, "x", "contosowidget.inf")) == fs.read("\(example)/contosowidget.inf")
            fs.remove(tmp)
            return table.concat({tostring(same), a.files, table.concat(names, " "), driver.version.driver_version,
              #driver.hardware_ids, table.concat(archs, " "), tostring(missing), why:match("holds no file") or why,
              #extracted, tostring(back), tostring(fs.exists(tmp))}, "|")
            """))
        #expect(text == "true|4|README.md arm64/contosowidget.sys contosowidget.inf x64/contosowidget.sys|1.2.0.0|3|X64=3 ARM64=2|nil|holds no file|4|true|false")
    }

    @Test func fileFailuresAreLocalFileErrorsNamingThePath() async throws {
        let failure = try await ScriptHarness.failure(Self.withStdlib("return require('fs').read('/nonexistent/journal.json')"))
        #expect(failure?.kind == "localFile")
        #expect(failure?.message.contains("/nonexistent/journal.json") == true)
        let zip = try await ScriptHarness.failure(Self.withStdlib("return require('archive').zip('/nonexistent', '/tmp/x.zip')"))
        #expect(zip?.kind == "localFile")
    }

    @Test func fsListsWritesAndJoins() async throws {
        let text = try await ScriptHarness.text(Self.withStdlib("""
            local fs = require "fs"
            local tmp = fs.tmpdir()
            fs.write(fs.join(tmp, "a/b/c.txt"), "one")
            fs.write(fs.join(tmp, "a/z.txt"), "two")
            fs.mkdir(fs.join(tmp, "a/empty/deeper"))
            local flat = table.concat(fs.list(fs.join(tmp, "a")), ",")
            local deep = table.concat(fs.list(tmp, {recursive = true}), ",")
            fs.rename(fs.join(tmp, "a/z.txt"), fs.join(tmp, "y.txt"))
            local moved = fs.read(fs.join(tmp, "y.txt"))
            fs.remove(tmp)
            return table.concat({flat, deep, moved, fs.join("a", "", "b/", "c"), fs.join("a", "/abs"), fs.basename("x/y.zip"),
              fs.dirname("y.zip"), tostring(fs.size("/nonexistent")), tostring(fs.is_dir(tmp))}, "|")
            """))
        #expect(text == "b,empty,z.txt|a/b/c.txt,a/z.txt|two|a/b/c|/abs|y.zip|.|nil|false")
    }
}
