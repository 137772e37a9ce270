-- Runs a full workflow against the emulator (create product and submission, upload, commit,
-- wait, download, through require("workflow").submit, in the trusted script and in a sandbox),
-- prints what a script would print about it, then writes every string reachable from the Lua
-- state (globals, the registry, loaded modules, upvalues, metatables, user values, the locals
-- of suspended coroutines) to the file arg[1], one per line, for the test to search for
-- secrets.
-- Usage: hwsubmit secrets_scan.lua STRINGS PACKAGE_DIR OUTPUT_DIR (settings from the environment)
local out = assert(io.open(assert(arg[1], "usage: secrets_scan.lua STRINGS PACKAGE_DIR OUTPUT_DIR"), "w"))
local package_dir, output_dir = assert(arg[2]), assert(arg[3])
local workflow = require "workflow"
local pretty = require "pretty"
local log = require "log"

-- The workflow: everything a script normally touches.
local result = workflow.submit{
  package = package_dir, product = {productName = "Scanned Widget"},
  download = output_dir .. "/signed.zip", interval = 0.05,
}
local signed = hdc.submission(result.product_id, result.submission_id)
print(pretty(signed))                            -- the SAS URLs as a person sees them: masked
for _, item in ipairs(signed.downloads.items) do log.info("download ready", {type = item.type, url = item.url}) end
local product = hdc.create_product{productName = "Scanned Widget, never uploaded", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
local submission = hdc.create_submission(product, {name = "scanned, never uploaded"})
hdc.commit(submission)
local failed = select(2, pcall(hdc.wait, submission, {interval = 0.02}))
print(tostring(failed))
local listed = hdc.collect(hdc.products())
local _, errors = hdc.parallel({1, 2}, function(id) return hdc.product(id) end)
local client = hdc.connect{max_attempts = 2}
local me = client:whoami()
local suspended = coroutine.create(function() local keep = hdc.product(product.id) coroutine.yield(keep) end)
coroutine.resume(suspended)
local task = hdc.spawn(function() return hdc.submission(signed) end)
task:wait()
-- The same workflow in a sandbox, so its tables (views, copies, policy) are walked too; it
-- submits the package zipped (a folder would be zipped in the temporary directory).
require("archive").zip(package_dir, output_dir .. "/package.zip")
local sandboxed = {sandbox.run([[
  local output_dir = ...
  local result = require("workflow").submit{
    package = output_dir .. "/package.zip", product = {productName = "Sandboxed Scan Widget"},
    download = output_dir .. "/sandboxed-signed.zip", interval = 0.05,
  }
  local s = hdc.submission(result.product_id, result.submission_id)
  print(require("pretty")(s))
  return result, s, hdc.whoami(), function() return hdc.submission(s) end, hdc.product(result.product_id)
]], {write = {output_dir}, submit = true}, output_dir)}
sandboxed[#sandboxed + 1] = sandboxed[4]()
KEEP = {result, signed, product, submission, failed, listed, errors, client, me, suspended, task, sandboxed}

-- The walk.
local seen, count = {}, 0
local function emit(s)
  count = count + 1
  out:write((s:gsub("\n", "\\n")), "\n")
end
local walk
local function visit(v)
  local t = type(v)
  if t == "string" then
    if not seen[v] then seen[v] = true emit(v) end
    return
  end
  if (t ~= "table" and t ~= "function" and t ~= "userdata" and t ~= "thread") or seen[v] then return end
  seen[v] = true
  walk(v, t)
end
walk = function(v, t)
  local mt = debug.getmetatable(v)
  if mt then visit(mt) end
  if t == "table" then
    for k, x in next, v do visit(k) visit(x) end
  elseif t == "function" then
    local i = 1
    while true do
      local name, x = debug.getupvalue(v, i)
      if not name then break end
      visit(name) visit(x)
      i = i + 1
    end
  elseif t == "userdata" then
    local i = 1
    while true do
      local x, more = debug.getuservalue(v, i)
      if more == false or more == nil then break end
      visit(x)
      i = i + 1
    end
  elseif t == "thread" then
    for level = 0, 200 do
      local info = debug.getinfo(v, level, "f")
      if not info then break end
      visit(info.func)
      local i = 1
      while true do
        local name, x = debug.getlocal(v, level, i)
        if not name then break end
        visit(x)
        i = i + 1
      end
    end
  end
end
visit(debug.getregistry())
visit(_G)
visit(package.loaded)
visit(coroutine.running())
out:close()
print(("scanned %d strings"):format(count))
