-- escape: code of the sandbox's reaching the host as a function a function returns, a function raised as an error, a coroutine, and a callback the host keeps; each tries a write outside, a loop and an allocation past the limits
-- exit: 0
-- stdout: returned by a returned function: permissionDenied instructionLimit memoryLimit
-- stdout: raised as an error: permissionDenied instructionLimit memoryLimit
-- stdout: coroutine: permissionDenied instructionLimit memoryLimit
-- stdout: kept callback: permissionDenied instructionLimit memoryLimit
-- stdout: coroutine proxy: suspended 1 2 dead
-- stdout: files written outside: none
local outside = arg[1] .. "/outside"
local policy = {max_instructions = 1e6, max_memory = "8M"}
local body = [[
  local outside, how = ...
  local function act(what)
    if what == "write" then require("fs").write(outside .. "/" .. how, "escaped")
    elseif what == "loop" then while true do end
    else local s = "x" while true do s = s .. s end end
  end
  return act
]]

local function codes(call)
  local out = {}
  for _, what in ipairs{"write", "loop", "memory"} do
    local ok, err = pcall(call, what)
    out[#out + 1] = ok and "allowed" or (type(err) == "table" and err.code or tostring(err))
  end
  return table.concat(out, " ")
end

local outer = sandbox.run("local b = ... return function(...) return load(b)(...) end", policy, body)
print("returned by a returned function: " .. codes(outer(outside, "returned")))

local _, raised = pcall(sandbox.run, "local act = load((...))(select(2, ...)) error(act)", policy, body, outside, "raised")
print("raised as an error: " .. codes(raised))

local make = sandbox.run([[
  local act = load((...))(select(2, ...))
  return function(what) return coroutine.create(function() act(what) end) end
]], policy, body, outside, "coroutine")
print("coroutine: " .. codes(function(what)
  local ok, err = coroutine.resume(make(what))
  if not ok then error(err) end
end))

local kept
sandbox.run("local act = load((...))(select(2, ...)) select(4, ...)(act)", policy, body, outside, "kept",
  function(f) kept = f end)
print("kept callback: " .. codes(kept))

local counter = sandbox.run("return coroutine.create(function() coroutine.yield(1) coroutine.yield(2) end)")
local states = {coroutine.status(counter)}
for _ = 1, 3 do
  local ok, n = coroutine.resume(counter)
  if n then states[#states + 1] = n end
end
states[#states + 1] = coroutine.status(counter)
print("coroutine proxy: " .. table.concat(states, " "))

local written = {}
for _, how in ipairs{"returned", "raised", "coroutine", "kept"} do
  local f = io.open(outside .. "/" .. how)
  if f then f:close() written[#written + 1] = how end
end
print("files written outside: " .. (#written == 0 and "none" or table.concat(written, " ")))
