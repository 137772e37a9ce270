-- escape: infinite tail recursion (no stack growth: only the instruction limit ends it)
-- args: --sandbox --max-instructions 1e7
-- exit: 10
-- stderr: instruction limit
local function f(n) return f(n + 1) end
f(1)
