-- escape: reach and change the string metatable (shared with the host) through getmetatable
-- args: --sandbox
-- exit: 10
-- stdout: dump through metatable: nil
-- stderr: changing the read-only table 'a metatable of the host' (field '__index')
local mt = getmetatable("")
print("dump through metatable: " .. tostring(mt.__index.dump))
mt.__index = {upper = function() return "hijacked" end}
