-- escape: return a looping function, a booby-trapped object and a coroutine to the host
-- exit: 0
-- stdout: function: instructionLimit
-- stdout: object copied without its metatable: nil
-- stdout: coroutine: false
-- stdout: host alive
local f, obj, co = sandbox.run([[
  local trap = setmetatable({}, {__index = function() while true do end end,
                                 __tostring = function() while true do end end})
  return function() while true do end end, trap,
         coroutine.create(function() while true do end end)
]], {max_instructions = 1e6})
local ok, err = pcall(f)
print("function: " .. err.code)
print("object copied without its metatable: " .. tostring(getmetatable(obj)))
print("coroutine: " .. tostring((coroutine.resume(co))))
print("host alive")
