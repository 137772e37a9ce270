-- Runs a workflow against the emulator, then writes every string reachable from the Lua state
-- (globals, the registry, loaded modules, upvalues, metatables, user values, the locals of
-- suspended coroutines) to the file arg[1], one per line, for the test to search for secrets.
-- Usage: hwsubmit --emulator Tests/lua/secrets_scan.lua strings.txt
local out = assert(io.open(assert(arg[1], "usage: secrets_scan.lua OUTPUT"), "w"))

-- The workflow: everything a script normally touches.
local product = hdc.create_product{productName = "Scanned Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
local submission = hdc.create_submission(product, {name = "scanned submission"})
hdc.commit(submission)
local failed = select(2, pcall(hdc.wait, submission, {interval = 0.02}))
local listed = hdc.collect(hdc.products())
local _, errors = hdc.parallel({1, 2}, function(id) return hdc.product(id) end)
local client = hdc.connect{max_attempts = 2}
local me = client:whoami()
local suspended = coroutine.create(function() local keep = hdc.product(product.id) coroutine.yield(keep) end)
coroutine.resume(suspended)
local task = hdc.spawn(function() return hdc.submission(submission) end)
task:wait()
-- The same through a sandbox, so its tables (views, copies, policy) are walked too.
local sandboxed = {sandbox.run([[
  local p = hdc.create_product{productName = "Sandboxed Scan Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
  local s = hdc.create_submission(p, {name = "sandboxed scan"})
  hdc.commit(s)
  return p, s, hdc.whoami(), function() return hdc.product(p.id) end
]], {submit = true})}
sandboxed[#sandboxed + 1] = sandboxed[4]()
KEEP = {product, submission, failed, listed, errors, client, me, suspended, task, sandboxed}

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
