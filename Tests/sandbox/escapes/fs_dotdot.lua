-- escape: read a file outside a granted directory with fs, through ..
-- args: --sandbox --allow-read {fixture}/granted
-- exit: 10
-- stdout: inside: true
-- stderr: reading '
-- stderr: is not allowed
-- never: SECRET-OUTSIDE
local fs = require "fs"
print("inside: " .. tostring(fs.exists(arg[1] .. "/granted/inside.lua")))
print(fs.read(arg[1] .. "/granted/../outside/secret.lua"))
