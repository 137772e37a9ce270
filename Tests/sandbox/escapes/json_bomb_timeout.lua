-- escape: hdc.json.encode and json.encode of a table that shares its parts, past the time limit
-- args: --sandbox --timeout 0.5 --max-instructions 1e15
-- exit: 10
-- never: not reached
-- stderr: sandbox: time limit of 0.5 s exceeded
local t = {}
for _ = 1, 50 do t = {t, t} end
pcall(hdc.json.encode, t)  -- caught, the limit stays exceeded
require("json").encode(t)
print("not reached")
