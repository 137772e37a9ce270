import Foundation
import HDCLua
import Testing

/// The stdlib modules, bound Swift (`fs`, `archive`, `inf`, `log`) and plain Lua (`workflow`,
/// `args`, …), found in `stdlib/` and `package.preload`: each is in the registry, holds exactly
/// the functions and fields it documents, has a `_VERSION`, and the bound ones work on the
/// example driver package.
@Suite struct StdlibModuleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Lua modules of `stdlib/`, found there: every `NAME.lua` at its top (its folders hold
    /// the lua-language-server annotations and the runner of `hwsubmit test`, not modules).
    static var luaModules: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("stdlib").path)) ?? []
        return names.filter { $0.hasSuffix(".lua") }.map { String($0.dropLast(".lua".count)) }.sorted()
    }

    /// The modules bound from Swift, found where a script finds them: `package.preload` of a
    /// state with the `hdc` runtime installed.
    static func builtInModules() async throws -> [String] {
        let text = try await ScriptHarness.text("""
            local names = {}
            for name in pairs(package.preload) do names[#names + 1] = name end
            table.sort(names)
            return table.concat(names, ",")
            """)
        return text.split(separator: ",").map(String.init)
    }

    /// Every stdlib module, Lua and Swift, found rather than listed: a new module without
    /// documentation fails these tests.
    static func stdlibModules() async throws -> [String] {
        try await (luaModules + builtInModules()).sorted()
    }

    /// Sets `package.path` to the repository's stdlib, then `code`.
    static func withStdlib(_ code: String) -> String {
        "package.path = \"\(root.path)/stdlib/?.lua;\" .. package.path\n" + code
    }

    @Test func modulesAreFound() async throws {
        let found = try await Self.stdlibModules()
        for name in ["workflow", "args", "cli", "retry", "report", "spec", "pretty", "fs", "archive", "inf", "log"] {
            #expect(found.contains(name), "\(name) is found among \(found)")
        }
    }

    @Test func everyStdlibModuleIsRegistered() async throws {
        for name in try await Self.stdlibModules() {
            #expect(LuaAPIRegistry.module(named: name) != nil, "\(name) is in the registry (hwsubmit doc, docs/lua-api.md)")
        }
    }

    @Test func theModuleHoldsExactlyWhatIsDocumented() async throws {
        for name in try await Self.stdlibModules() {
            guard let doc = LuaAPIRegistry.module(named: name) else { continue }  // reported by everyStdlibModuleIsRegistered
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
    }

    /// docs/workflows.md promises a `_VERSION` in every stdlib module, for pinning.
    @Test func everyStdlibModuleHasAVersion() async throws {
        for name in try await Self.stdlibModules() {
            let version = try await ScriptHarness.text(Self.withStdlib("return (require \"\(name)\")._VERSION"))
            #expect(version.wholeMatch(of: /\d+\.\d+(\.\d+)?/) != nil, "\(name)._VERSION is a version, got \(version)")
        }
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
