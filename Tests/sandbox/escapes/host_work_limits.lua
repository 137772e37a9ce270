-- escape: host functions that work in proportion to their input (ZIP files, fs.read, log fields, INF text, pretty, a request body) run past a sandbox's limits unless metered
-- args: --emulator
-- exit: 0
-- stdout: archive.read of a 16 MiB entry under max_memory 8M: memoryLimit
-- stdout: archive.extract of a 16 MiB entry under max_instructions 1e5: instructionLimit, no file left
-- stdout: archive.zip of a 16 MiB file under max_instructions 1e5: instructionLimit, no ZIP left
-- stdout: fs.read of a 16 MiB file under max_memory 8M: memoryLimit
-- stdout: log fields of 64 MiB under max_instructions 1e5: instructionLimit
-- stdout: hdc.redact of 64 MiB under max_instructions 1e5: instructionLimit
-- stdout: hdc.redact of 16 MiB under max_memory 8M: memoryLimit
-- stdout: inf.parse of 16 MiB under max_instructions 1e5: instructionLimit
-- stdout: pretty.format of 200,000 entries under max_instructions 3e6: instructionLimit
-- stdout: a request body sharing its parts under timeout 0.5: timeLimit, no request sent
-- stdout: host alive
local fs, archive = require "fs", require "archive"
local work = fs.tmpdir("host-work")
fs.write(work .. "/pkg/zeros.bin", string.rep("\0", 16 << 20))
archive.zip(work .. "/pkg", work .. "/zeros.zip")
local policy = {read = {work}, write = {work .. "/out"}}
local function try(limits, code, ...)
  local p = {read = policy.read, write = policy.write, submit = true}
  for k, v in pairs(limits) do p[k] = v end
  collectgarbage()  -- a limit counts from what the host uses when the sandbox starts
  local ok, err = pcall(sandbox.run, "local fs, archive, inf, log = require 'fs', require 'archive', require 'inf', require 'log' " .. code, p, ...)
  return ok and "finished" or (type(err) == "table" and err.code or tostring(err))
end

print("archive.read of a 16 MiB entry under max_memory 8M: "
  .. try({max_memory = "8M"}, "return #archive.read(...)", work .. "/zeros.zip", "zeros.bin"))
print("archive.extract of a 16 MiB entry under max_instructions 1e5: "
  .. try({max_instructions = 1e5}, "archive.extract(...)", work .. "/zeros.zip", work .. "/out/x")
  .. (fs.exists(work .. "/out/x/zeros.bin") and ", a file left" or ", no file left"))
print("archive.zip of a 16 MiB file under max_instructions 1e5: "
  .. try({max_instructions = 1e5}, "archive.zip(...)", work .. "/pkg", work .. "/out/again.zip")
  .. ((fs.exists(work .. "/out/again.zip") or fs.exists(work .. "/out/.again.zip.partial")) and ", a ZIP left" or ", no ZIP left"))
print("fs.read of a 16 MiB file under max_memory 8M: "
  .. try({max_memory = "8M"}, "return #fs.read(...)", work .. "/pkg/zeros.bin"))
print("log fields of 64 MiB under max_instructions 1e5: "
  .. try({max_instructions = 1e5}, [[
    local s = ("x"):rep(1 << 15):rep(32) local fields = {} for i = 1, 64 do fields["f" .. i] = s end
    log.debug("fields", fields)]]))
print("hdc.redact of 64 MiB under max_instructions 1e5: "
  .. try({max_instructions = 1e5}, "return #hdc.redact(...)", string.rep("https://a/b?sig=x ", 4 << 20)))
print("hdc.redact of 16 MiB under max_memory 8M: "
  .. try({max_memory = "8M"}, "return #hdc.redact(...)", string.rep("z", 16 << 20)))
print("inf.parse of 16 MiB under max_instructions 1e5: "
  .. try({max_instructions = 1e5}, "return inf.parse(...)", string.rep(";\n", 8 << 20)))
print("pretty.format of 200,000 entries under max_instructions 3e6: "
  .. try({max_instructions = 3e6}, [[
    local t = {} for i = 1, 2e5 do t[i] = i end
    return #require("pretty").format(t)]]))
local function products() local n = 0 for _ in hdc.products() do n = n + 1 end return n end
local before = products()
print("a request body sharing its parts under timeout 0.5: "
  .. try({timeout = 0.5, max_instructions = 1e15}, [[
    local t = {} for _ = 1, 50 do t = {t, t} end
    return hdc.create_product{productName = "bomb", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}, marketingNames = t}]])
  .. (products() == before and ", no request sent" or ", a product created"))
fs.remove(work)
print("host alive")
