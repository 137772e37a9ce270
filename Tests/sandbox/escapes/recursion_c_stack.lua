-- escape: recursion through pcall and through a metamethod, which use the C stack: Lua's own limits stop both ("stack overflow", "C stack overflow"), script errors (exit 1) as outside a sandbox
-- args: --sandbox --max-instructions 1e8
-- exit: 1
-- stdout: pcall recursion stopped
-- stderr: recursion_c_stack.lua:10: C stack overflow
-- never: sandbox:
local function nest() return pcall(nest) end
nest()
print("pcall recursion stopped")
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
print(t.x)
