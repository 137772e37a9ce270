-- escape: write with fs below a directory granted for reading only
-- args: --sandbox --allow-read {fixture}/granted
-- exit: 10
-- stderr: writing '
-- stderr: Grant it with --allow-write DIR.
local fs = require "fs"
fs.write(arg[1] .. "/granted/planted.lua", "os.execute('id')")
