-- escape: get the real io library back with require
-- args: --sandbox
-- exit: 1
-- stderr: module 'io' not found
-- never: root:x:0
local io = require "io"
print(io.open("/etc/passwd"):read("a"))
