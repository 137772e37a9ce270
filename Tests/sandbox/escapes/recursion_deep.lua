-- escape: infinite (non-tail) recursion
-- args: --sandbox
-- exit: 1
-- stderr: stack overflow
local function f(n) return f(n + 1) + 1 end
print(f(1))
