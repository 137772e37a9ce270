-- escape: loops inside metamethods called from C (__index, __tostring, __lt in table.sort)
-- args: --sandbox --max-instructions 1e7
-- exit: 10
-- stderr: instruction limit
local spin = function() while true do end end
local t = setmetatable({}, {__index = spin, __tostring = spin, __lt = spin})
pcall(function() return t.x end)
pcall(tostring, t)
local list = {setmetatable({}, getmetatable(t)), setmetatable({}, getmetatable(t))}
while true do pcall(table.sort, list) pcall(string.gsub, "aaa", "a", spin) end
