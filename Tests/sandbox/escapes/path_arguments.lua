-- escape: every path argument of fs, archive, inf, hdc.upload and hdc.download given a number, a table with __tostring, a string with a zero byte, `..`, a link out of the granted folder or a path outside; a number must be checked exactly as its string is
-- args: --emulator
-- exit: 0
-- stdout: numbers checked as their strings: 22 of 22
-- stdout: other values let through: none
-- stdout: files written outside: none
-- stdout: files written in the working directory: none
-- never: root:x:0
local root = arg[1]
local granted, outside = root .. "/granted", root .. "/outside"
local function exists(path) local f = io.open(path) if f then f:close() end return f ~= nil end
local before = {}
for _, name in ipairs{"secret.lua", "secret.txt"} do before[name] = true end

-- Each call runs in a sandbox that may write only below granted/; `P` stands for the path.
local calls = {
  {"fs.write", "fs.write(P, 'x')"}, {"fs.mkdir", "fs.mkdir(P)"}, {"fs.remove", "fs.remove(P)"},
  {"fs.rename from", "fs.rename(P, G .. '/renamed')"}, {"fs.rename to", "fs.rename(G .. '/data.txt', P)"},
  {"fs.read", "return fs.read(P)"}, {"fs.exists", "return fs.exists(P)"}, {"fs.is_dir", "return fs.is_dir(P)"},
  {"fs.size", "return fs.size(P)"}, {"fs.list", "return fs.list(P)"},
  {"archive.zip folder", "return archive.zip(P, G .. '/made.zip')"}, {"archive.zip target", "return archive.zip(G, P)"},
  {"archive.list", "return archive.list(P)"}, {"archive.read", "return archive.read(P, 'x')"},
  {"archive.extract zip", "return archive.extract(P, G .. '/out')"}, {"archive.extract folder", "return archive.extract(G .. '/made.zip', P)"},
  {"inf.read", "return inf.read(P)"},
  {"hdc.upload", "return hdc.upload(s, P)"},
  {"hdc.download", "return hdc.download(s, 'initialPackage', P)"},
  {"hdc.upload IDs", "return hdc.upload(s.productId, s.id, P)"},
  {"hdc.download IDs", "return hdc.download(s.productId, s.id, 'initialPackage', P)"},
  {"fs.tmpdir", "return fs.tmpdir(P)"},
}
local product = hdc.create_product{productName = "paths", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
local submission = hdc.create_submission(product.id, {name = "paths"})
require("fs").mkdir(granted .. "/pkg")
require("archive").zip(granted .. "/pkg", granted .. "/made.zip")
local function attempt(code, path)
  local chunk = "local fs, archive, inf = require 'fs', require 'archive', require 'inf' local P, G, s = ... " .. code
  return pcall(sandbox.run, chunk, {write = {granted}, submit = true}, path, granted, submission)
end
local function said(ok, result) return tostring(ok) .. " " .. (type(result) == "table" and tostring(result.message) or tostring(result)) end

local same, total = 0, 0
for _, call in ipairs(calls) do
  total = total + 1
  local number = said(attempt(call[2], 2024))
  if number == said(attempt(call[2], "2024")) or number:find("(string expected, got number)", 1, true) then same = same + 1 end
end
print("numbers checked as their strings: " .. same .. " of " .. total)

local bad = {
  outside .. "/escaped", granted .. "/../outside/escaped", granted .. "/door/escaped", "/etc/passwd",
  granted .. "/x\0/../../outside/escaped", setmetatable({}, {__tostring = function() return outside .. "/escaped" end}),
  "../../../../../../../../" .. outside .. "/escaped",
}
local let = {}
for _, call in ipairs(calls) do
  for i, path in ipairs(bad) do
    local ok, result = attempt(call[2], path)
    local refused = not ok and (type(result) == "table" and result.code == "permissionDenied"
      or tostring(type(result) == "table" and result.message or result):find("bad argument", 1, true))
    if not refused and call[1] ~= "fs.tmpdir" then let[#let + 1] = call[1] .. " #" .. i .. " (" .. said(ok, result) .. ")" end
    if call[1] == "fs.tmpdir" and ok then let[#let + 1] = "fs.tmpdir #" .. i end
  end
end
print("other values let through: " .. (#let == 0 and "none" or table.concat(let, "; ")))

local written = {}
for _, name in ipairs{"escaped", "renamed", "made.zip", "out"} do
  if exists(outside .. "/" .. name) then written[#written + 1] = name end
end
print("files written outside: " .. (#written == 0 and "none" or table.concat(written, " ")))
local here = {}
for _, name in ipairs{"2024", "renamed"} do
  if exists(name) then here[#here + 1] = name os.remove(name) end
end
print("files written in the working directory: " .. (#here == 0 and "none" or table.concat(here, " ")))
