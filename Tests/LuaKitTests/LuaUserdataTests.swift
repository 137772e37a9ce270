import LuaKit
import Testing

private final class Upload {
    let path: String
    var closed = false
    init(path: String) { self.path = path }
}

/// Userdata types carrying Swift objects.
@Suite struct LuaUserdataTests {
    @Test func methodsMetamethodsAndChecks() throws {
        var finalized: [String] = []
        let uploadType = LuaUserdataType<Upload>(
            name: "hdc.Upload",
            methods: [
                LuaFunctionEntry("path") { call in
                    call.stack.push(try call.userdata(1, of: uploadTypeForTests).path)
                    return .values(1)
                },
            ],
            toString: { "hdc.Upload(\($0.path))" },
            close: { $0.closed = true },
            finalize: { finalized.append($0.path) }
        )
        uploadTypeForTests = uploadType
        let state = try LuaState()
        state.register(uploadType)
        let upload = Upload(path: "driver.zip")
        state.stack.push(userdata: upload, of: uploadType)
        state.stack.setGlobal("upload")
        try state.stack.load("""
            local p = upload:path()
            local s = tostring(upload)
            do local u <close> = upload end
            local ok, err = pcall(function() return upload.path(42) end)
            return p, s, err
            """, chunkName: "=t")
        try state.stack.call(arguments: 0, results: 3)
        #expect(state.stack.string(at: 1) == "driver.zip")
        #expect(state.stack.string(at: 2) == "hdc.Upload(driver.zip)")
        #expect(state.stack.string(at: 3) == "t:4: bad argument #1 to 'path' (hdc.Upload expected, got number)")
        #expect(upload.closed)
        #expect(state.stack.userdata(at: 1, of: uploadType) == nil)
        state.stack.top = 0
        state.stack.pushNil()
        state.stack.setGlobal("upload")
        state.collectGarbage()
        #expect(finalized == ["driver.zip"])
    }
}

nonisolated(unsafe) private var uploadTypeForTests = LuaUserdataType<Upload>(name: "hdc.Upload")
