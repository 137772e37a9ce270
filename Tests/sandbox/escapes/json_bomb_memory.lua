-- escape: json.encode's output buffer (in Swift, not Lua's allocator) grows past the memory limit: a megabyte string shared 2^40 times
-- args: --sandbox --max-memory 32M --max-instructions 1e15
-- exit: 10
-- never: not reached
-- stderr: sandbox: memory limit of 32 MiB exceeded
local json = require "json"
local t = {("x"):rep(1 << 20)}
for _ = 1, 40 do t = {t, t} end
pcall(json.encode, t)  -- caught, the limit stays exceeded
json.encode(t)
print("not reached")
