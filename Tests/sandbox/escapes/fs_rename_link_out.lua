-- escape: move a link in the granted folder that leads outside (door -> ../outside) onto a path the sandbox writes to later, or remove it
-- args: --sandbox --allow-write {fixture}/granted
-- exit: 10
-- stdout: rename: permissionDenied
-- stdout: moved: false
-- stderr: sandbox: writing '
-- stderr: /granted/door' (resolved: '
local fs = require "fs"
local granted = arg[1] .. "/granted"
local ok, err = pcall(fs.rename, granted .. "/door", granted .. "/moved")
print("rename: " .. (ok and "allowed" or err.code))
print("moved: " .. tostring(fs.exists(granted .. "/moved")))
fs.remove(granted .. "/door")
