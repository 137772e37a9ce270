-- escape: a memory bomb in sandbox.run; the host allocates freely afterwards
-- exit: 0
-- stdout: code=memoryLimit
-- stdout: message=sandbox: memory limit of 16 MiB exceeded
-- stdout: host allocated 104857600
local ok, err = pcall(sandbox.run, "local t = {} while true do t[#t + 1] = ('x'):rep(1 << 16) .. #t end", {max_memory = "16M"})
print("code=" .. err.code)
print("message=" .. err.message)
local big = string.rep("y", 100 * 1024 * 1024)
print("host allocated " .. #big)
