import Foundation
import HDCLua
import LuaKit
import Testing

/// The binding registry: every function documented, every example valid Lua, the module's
/// tables holding exactly what is documented, and the generated files up to date.
@Suite struct RegistryTests {
    @Test func everyFunctionIsDocumented() {
        #expect(!LuaAPIRegistry.functions.isEmpty)
        for f in LuaAPIRegistry.functions {
            #expect(!f.summary.isEmpty && f.summary.hasSuffix("."), "\(f.qualifiedName): a one-sentence summary")
            #expect(!f.example.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(f.qualifiedName): an example")
            for p in f.parameters {
                #expect(!p.name.isEmpty && !p.type.isEmpty && !p.description.isEmpty, "\(f.qualifiedName): parameter \(p.name)")
            }
            for r in f.returns { #expect(!r.type.isEmpty && !r.description.isEmpty, "\(f.qualifiedName): a return value") }
        }
        let names = LuaAPIRegistry.functions.map(\.qualifiedName)
        #expect(Set(names).count == names.count, "no name is documented twice")
    }

    @Test func everyExampleIsValidLua() throws {
        let state = try LuaState()
        defer { state.close() }
        for f in LuaAPIRegistry.functions {
            do {
                try state.stack.load(f.example, chunkName: "=\(f.qualifiedName) example")
                state.stack.pop()
            } catch {
                Issue.record("the example of \(f.qualifiedName) does not compile: \(error.message)")
            }
        }
    }

    @Test func writesAreMarkedForTheSandbox() {
        let writes = Set(LuaAPIRegistry.functions.filter { $0.access == .write && $0.module == "hdc" }.map(\.name))
        #expect(writes.isSuperset(of: [
            "create_product", "update_product", "create_submission", "update_submission", "commit", "request_metadata",
            "create_shipping_label", "update_shipping_label", "cancel_shipping_label",
        ]))
        let reads = Set(LuaAPIRegistry.functions.filter { $0.access == .read && $0.module == "hdc" }.map(\.name))
        #expect(reads.isSuperset(of: ["products", "product", "submission", "wait", "audiences"]))
        #expect(writes.isDisjoint(with: reads))
    }

    @Test func namesAreFoundTheWaysPeopleWriteThem() {
        #expect(LuaAPIRegistry.function(named: "hdc.wait")?.qualifiedName == "hdc.wait")
        #expect(LuaAPIRegistry.function(named: "wait")?.qualifiedName == "hdc.wait")
        #expect(LuaAPIRegistry.function(named: "task:wait")?.qualifiedName == "hdc.Task:wait")
        #expect(LuaAPIRegistry.function(named: "hdc.Task:cancel")?.qualifiedName == "hdc.Task:cancel")
        #expect(LuaAPIRegistry.function(named: "client:products")?.qualifiedName == "hdc.products")
        #expect(LuaAPIRegistry.function(named: "json.encode")?.qualifiedName == "hdc.json.encode")
        #expect(LuaAPIRegistry.function(named: "nothing") == nil)
        #expect(LuaAPIRegistry.names(withPrefix: "hdc.create_").contains("hdc.create_submission"))
        #expect(LuaAPIRegistry.names(withPrefix: "hdc.nu") == ["hdc.null"])
        // A nested table of hdc completes like a module of its own.
        #expect(LuaAPIRegistry.names(withPrefix: "hdc.preprod.") == [
            "hdc.preprod.assets", "hdc.preprod.download", "hdc.preprod.status", "hdc.preprod.submit", "hdc.preprod.wait",
        ])
        #expect(LuaAPIRegistry.names(withPrefix: "hdc.pre").contains("hdc.preprod.submit"))
    }

    /// The keys of a table the script returns, sorted, comma-separated.
    private static let keys = """
        local function keys(t) local k = {} for name in pairs(t) do k[#k + 1] = name end table.sort(k) return table.concat(k, ",") end
        """

    @Test func everyStdlibModuleRequiredHoldsExactlyWhatIsDocumented() async throws {
        let modules = ["fs", "archive", "inf", "log"]
        let tables = try await ScriptHarness.on { script in
            try modules.map { name in try script.text(Self.keys + " return keys(require '\(name)')") }
        }
        for (name, found) in zip(modules, tables) {
            let doc = try #require(LuaAPIRegistry.module(named: name), "\(name) is documented")
            let documented = doc.functions.map(\.name) + doc.fields.map(\.name)
            #expect(found == documented.sorted().joined(separator: ","), "require '\(name)' holds what its documentation lists")
        }
    }

    @Test func theModuleHoldsExactlyWhatIsDocumented() async throws {
        let emulator = EmulatorEndpoints(
            baseURL: "http://127.0.0.1:1/v2.0/my/hardware", authority: "http://127.0.0.1:1", tokenURL: "http://127.0.0.1:1/t",
            adminURL: "http://127.0.0.1:1/_emulator", tenantID: "t", clientID: "c")
        let tables = try await ScriptHarness.on(emulator: emulator) { script in
            try ["hdc", "hdc.json", "hdc.emulator", "hdc.preprod"].map { name in try script.text(Self.keys + " return keys(\(name))") }
                + [try script.text(Self.keys + " return keys(getmetatable(hdc.spawn(print)).__index)")]
                + [try script.text(Self.keys + " return keys(getmetatable(hdc.connect{base_url = 'https://x.example', access_token_env = 'OTHER_TOKEN'}).__index)")]
        }
        for (module, found) in zip(["hdc", "hdc.json", "hdc.emulator", "hdc.preprod"], tables) {
            let doc = try #require(LuaAPIRegistry.module(named: module))
            let documented = doc.functions.filter { !$0.isMethod }.map(\.name) + doc.fields.map(\.name)
            #expect(found == documented.sorted().joined(separator: ","), "\(module) holds what its documentation lists")
        }
        let taskMethods = LuaAPIRegistry.functions.filter { $0.module == "hdc.Task" }.map(\.name).sorted()
        #expect(tables[4] == taskMethods.joined(separator: ","))
        let clientMethods = LuaAPIRegistry.functions.filter(\.isClientMethod).map(\.name).sorted()
        #expect(tables[5] == clientMethods.joined(separator: ","))
    }

    @Test func withoutTheEmulatorThereIsNoEmulatorTable() async throws {
        let text = try await ScriptHarness.text("return tostring(hdc.emulator)")
        #expect(text == "nil")
    }

    @Test func theGeneratedFilesAreUpToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for (path, contents) in LuaAPIDocument.files {
            let file = root.appendingPathComponent(path)
            let current = try? String(contentsOf: file, encoding: .utf8)
            #expect(current == contents, "\(path) is stale: regenerate it with \(LuaAPIDocument.regenerateCommand)")
        }
    }

    @Test func theAnnotationsAreValidLua() throws {
        let state = try LuaState()
        defer { state.close() }
        for (path, contents) in LuaAPIDocument.annotationFiles {
            try state.stack.load(contents, chunkName: "=" + path)
        }
    }
}
