-- escape: infinite (non-tail) recursion: Lua's own stack limit stops it with "stack overflow", a script error (exit 1) as outside a sandbox; a pcall that catches it carries on
-- args: --sandbox
-- exit: 1
-- stdout: caught: false stack overflow
-- stderr: recursion_deep.lua:7: stack overflow
-- never: sandbox:
local function f(n) return f(n + 1) + 1 end
local ok, err = pcall(f, 1)
print("caught: " .. tostring(ok) .. " " .. tostring(tostring(err):match("stack overflow")))
print(f(1))
