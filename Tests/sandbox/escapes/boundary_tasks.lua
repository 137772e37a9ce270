-- escape: a task spawned in sandbox.run hands the host booby-trapped results and errors through task:wait(), and allocates past the memory limit once sandbox.run has returned
-- exit: 0
-- stdout: results: nil permissionDenied
-- stdout: error: permissionDenied
-- stdout: memory after the sandbox returned: memoryLimit
-- stdout: files written outside: none
local outside = arg[1] .. "/outside"
local trap = [[
  local outside = ...
  local function mark(name) return function() require("fs").write(outside .. "/" .. name, "escaped") return 1 end end
  return setmetatable({}, {__index = mark("task-index")}), mark("task-function")
]]
local task = sandbox.run("local trap = load((...)) local outside = select(2, ...) return hdc.spawn(function() return trap(outside) end)",
  nil, trap, outside)
local t, f = task:wait()
local _, err = pcall(f)
print("results: " .. tostring(t.x) .. " " .. err.code)

local failing = sandbox.run([[
  local outside = ...
  return hdc.spawn(function() error({f = function() require("fs").write(outside .. "/task-error", "escaped") end}) end)
]], nil, outside)
local _, raised = pcall(failing.wait, failing)
local _, refused = pcall(raised.f)
print("error: " .. refused.code)

local grower = sandbox.run([[return hdc.spawn(function()
  hdc.sleep(0.05)
  local t = {}
  for i = 1, 200 do t[i] = ("x"):rep(1 << 16):rep(16) .. i end
  return #t
end)]], {max_memory = "16M"})
local _, grown = pcall(grower.wait, grower)
print("memory after the sandbox returned: " .. (type(grown) == "table" and grown.code or tostring(grown)))

local written = {}
for _, name in ipairs{"task-index", "task-function", "task-error"} do
  local file = io.open(outside .. "/" .. name)
  if file then file:close() written[#written + 1] = name end
end
print("files written outside: " .. (#written == 0 and "none" or table.concat(written, " ")))
