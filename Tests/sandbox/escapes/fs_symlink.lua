-- escape: read /etc/passwd with fs through a link in a granted directory
-- args: --sandbox --allow-read {fixture}/granted
-- exit: 10
-- stderr: (resolved: '/etc/passwd')
-- never: root:x:0
local fs = require "fs"
print(fs.read(arg[1] .. "/granted/link-out"))
