-- escape: reach the real globals through debug.getregistry or upvalues
-- args: --sandbox
-- exit: 10
-- stderr: sandbox: debug.getregistry is not allowed in the sandbox
local r = debug.getregistry()
print(r[2].io)
