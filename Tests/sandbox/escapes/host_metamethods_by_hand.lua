-- escape: call the host's metamethods by hand (__gc of an hdc.Task on json.null or a client, __close, __tostring, __index), reached through getmetatable
-- args: --sandbox --emulator
-- exit: 0
-- stdout: functions reachable in host metatables: none
-- stdout: (hdc.Task expected, got json.null)
-- stdout: objects intact: hdc.Task done done
local task = hdc.spawn(function() return "done" end)
local client = hdc.connect{max_attempts = 1}
local err = select(2, pcall(hdc.product, "not an id"))
local values = {task = task, client = client, null = hdc.null, string = "", error = err}
local reachable = {}
for name, v in pairs(values) do
  local mt = getmetatable(v)
  if type(mt) == "table" then
    for key, x in pairs(mt) do
      if type(x) == "function" then reachable[#reachable + 1] = name .. "." .. key end
    end
    for _, key in ipairs{"__gc", "__close", "__tostring", "__index", "__call", "__eq", "__len", "__add"} do
      local x = mt[key]
      if type(x) == "function" then
        reachable[#reachable + 1] = name .. "." .. key
        for _, wrong in pairs(values) do pcall(x, wrong) end
      end
    end
  end
end
table.sort(reachable)
print("functions reachable in host metatables: " .. (#reachable == 0 and "none" or table.concat(reachable, " ")))
local methods = getmetatable(task).__index
print("methods check self: " .. select(2, pcall(methods.wait, hdc.null)))
print("objects intact: " .. tostring(task):match("^hdc%.Task") .. " " .. task:wait() .. " " .. methods.wait(task))
