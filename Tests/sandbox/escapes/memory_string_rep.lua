-- escape: a string.rep memory bomb
-- args: --sandbox --max-memory 64M
-- exit: 10
-- stderr: memory limit of 64 MiB exceeded
-- stderr: --max-memory SIZE
local s = string.rep("x", 1 << 30)
print(#s)
