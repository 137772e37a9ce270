import DevCenter
import DevCenterTestSupport
import HDCLua
import Testing

/// `sandbox.run` over the in-memory service: hdc's reads work (yielding through the
/// sandbox's entry), writes need `submit`, limits follow spawned tasks, a time limit ends a
/// wait, and the trusted script carries on.
@Suite struct SandboxTests {
    static func text(_ code: String) async throws -> String {
        try await ScriptHarness.on(answer: BindingTests.service) { script in
            script.runtime.installSandboxLibrary()
            return try script.text(code)
        }
    }

    @Test func readsGoThroughWritesNeedSubmit() async throws {
        let text = try await Self.text("""
            local name = sandbox.run("return hdc.product(14631253285588839).productName")
            local ok, err = pcall(sandbox.run, "return hdc.create_product{productName = 'x'}")
            local created = sandbox.run("return hdc.create_product{productName = 'x', requestedSignatures = {'WINDOWS_v100_X64_RS5_FULL'}}.id", {submit = true})
            return name .. " | " .. err.kind .. " " .. err.code .. " | " .. err.message .. " | " .. created
            """)
        #expect(text == "Contoso Widget | sandbox permissionDenied | sandbox: hdc.create_product (a write operation on the service) is not allowed | 14631253285588841")
    }

    @Test func theNewOperationsNeedSubmitAndTheirPathsAGrant() async throws {
        let text = try await Self.text(#"""
            local function refusal(code, policy)
              local ok, err = pcall(sandbox.run, code, policy)
              return ok and "ran" or err.message
            end
            return table.concat({
              refusal("return hdc.preprod.submit('/tmp/widget.cab')", {read = {"/tmp"}}),
              refusal("return hdc.wait_metadata(1, 2)"),
              refusal("return hdc.preprod.submit('/etc/hostname')", {submit = true}),
              refusal("return hdc.preprod.download('p', 'a', '/tmp/preprod-signed.zip')"),
              refusal("return hdc.preprod.download({packageId = 'p', id = 'a'}, '/tmp/preprod-signed.zip')"),
            }, "\n")
            """#)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(text)")
        #expect(lines.first == "sandbox: hdc.preprod.submit (a write operation on the service) is not allowed")
        #expect(lines.dropFirst().first == "sandbox: hdc.wait_metadata (a write operation on the service) is not allowed")
        #expect(lines.dropFirst(2).first?.contains("/etc/hostname") == true, "\(text)")
        for line in lines.dropFirst(3) { #expect(line.contains("/tmp/preprod-signed.zip"), "\(line)") }
        #expect(!lines.contains("ran"), "\(text)")
    }

    @Test func clientsConnectThroughProfilesOnly() async throws {
        let text = try await Self.text("""
            local ok, err = pcall(sandbox.run, "return hdc.connect{base_url = 'http://127.0.0.1:9/'}", {submit = true})
            return err.code .. " | " .. err.message
            """)
        #expect(text == "permissionDenied | sandbox: hdc.connect with 'base_url' (in a sandbox, clients connect through a named profile only) is not allowed in the sandbox")
    }

    @Test func limitsFollowSpawnedTasks() async throws {
        let text = try await Self.text("""
            local ok, err = pcall(sandbox.run, [[
              local task = hdc.spawn(function() while true do end end)
              return task:wait()
            ]], {max_instructions = 100000})
            local n = 0
            for i = 1, 1000000 do n = n + 1 end
            return err.code .. " " .. n
            """)
        #expect(text == "instructionLimit 1000000")
    }

    @Test func functionsAndCoroutinesThatLeaveWaitOnTheServiceInside() async throws {
        let text = try await Self.text("""
            local name, co = sandbox.run([[
              return function(id) return hdc.product(id).productName end,
                     coroutine.create(function(id) coroutine.yield(hdc.product(id).productName) return "done" end)
            ]])
            local _, first = coroutine.resume(co, 14631253285588839)
            local _, last = coroutine.resume(co)
            return name(14631253285588839) .. " | " .. first .. " | " .. last .. " " .. coroutine.status(co)
            """)
        #expect(text == "Contoso Widget | Contoso Widget | done dead")
    }

    @Test func aTimeLimitEndsAWait() async throws {
        let text = try await Self.text("""
            local ok, err = pcall(sandbox.run, "hdc.sleep(30) return 'slept'", {timeout = 0.2})
            hdc.sleep(0.01)
            return err.code .. " | " .. err.message .. " | " .. hdc.product(14631253285588839).productName
            """)
        #expect(text == "timeLimit | sandbox: time limit of 0.2 s exceeded | Contoso Widget")
    }
}
