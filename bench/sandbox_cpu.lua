-- Pure Lua work (no service): the part of a workflow where the sandbox's instruction hook
-- costs most. bench/sandbox.sh runs it with and without --sandbox.
local t = {}
for i = 1, 300000 do t[i] = string.format("%08x", i * 2654435761 % 4294967296) end
table.sort(t)
local n = 0
for _, s in ipairs(t) do if s:find("ff", 1, true) then n = n + 1 end end
local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
print(n, fib(25))
