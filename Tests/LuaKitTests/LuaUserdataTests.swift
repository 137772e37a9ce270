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

    /// Every metamethod of a userdata type, and of LuaKit's own boxes, called by hand with the
    /// wrong value (another type's userdata, a userdata of no size, a file, a string) does
    /// nothing to memory; the objects still work afterwards, and a bound function whose box
    /// was replaced or emptied through `debug` raises instead of crashing.
    @Test func metamethodsCalledByHandCheckTheirValue() throws {
        var finalized: [String] = []
        let uploadType = LuaUserdataType<Upload>(
            name: "hdc.Upload", toString: { "hdc.Upload(\($0.path))" }, close: { $0.closed = true },
            finalize: { finalized.append($0.path) })
        let state = try LuaState()
        state.register(uploadType)
        state.register(LuaUserdataType<Upload>(name: "hdc.Other"))
        let upload = Upload(path: "driver.zip")
        state.stack.push(userdata: upload, of: uploadType)
        state.stack.setGlobal("upload")
        state.stack.push(userdata: Upload(path: "other.zip"), of: LuaUserdataType<Upload>(name: "hdc.Other"))
        state.stack.setGlobal("other")
        state.stack.pushJSONNull()
        state.stack.setGlobal("null")
        state.stack.push(function: { call in
            call.stack.push("bound")
            return .values(1)
        })
        state.stack.setGlobal("bound")
        try state.stack.load("""
            local wrong = {other, null, io.stdout, "text", 42}
            for _, mt in ipairs{debug.getmetatable(upload), debug.getmetatable(other), debug.getmetatable(null),
                                debug.getmetatable(select(2, debug.getupvalue(bound, 1)))} do
              for name, f in pairs(mt) do
                if type(f) == "function" then
                  for _, v in ipairs(wrong) do pcall(f, v) end
                end
              end
            end
            local before = tostring(upload) .. " " .. bound()
            debug.setupvalue(bound, 1, io.stdout)
            local replaced = select(2, pcall(bound))
            return before, replaced
            """, chunkName: "=t")
        try state.stack.call(arguments: 0, results: 2)
        #expect(state.stack.string(at: 1) == "hdc.Upload(driver.zip) bound")
        #expect(state.stack.string(at: 2) == "LuaKit: this bound function has lost its Swift closure (its upvalue was changed or collected)")
        #expect(finalized.isEmpty && !upload.closed)
    }
}

nonisolated(unsafe) private var uploadTypeForTests = LuaUserdataType<Upload>(name: "hdc.Upload")
