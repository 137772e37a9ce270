-- escape: recursion through a metamethod and through pcall, which uses the C stack
-- args: --sandbox --max-instructions 1e8
-- exit: 1
-- stdout: pcall recursion stopped
-- stderr: stack overflow
local function nest() return pcall(nest) end
nest()
print("pcall recursion stopped")
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
print(t.x)
