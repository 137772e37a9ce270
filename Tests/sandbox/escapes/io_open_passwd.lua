-- escape: read /etc/passwd through io.open
-- args: --sandbox
-- exit: 10
-- stderr: sandbox: io.open
-- stderr: is not allowed in the sandbox
-- never: root:x:0
local f = io.open("/etc/passwd")
print(f:read("a"))
