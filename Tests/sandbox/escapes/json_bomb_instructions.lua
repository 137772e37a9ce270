-- escape: json.encode of a table that shares its parts (2^50 values to write) runs in Swift, past the instruction limit, unless the encoder is metered
-- args: --sandbox --max-instructions 1e5
-- exit: 10
-- never: not reached
-- stderr: sandbox: instruction limit of 100000 instructions exceeded
local json = require "json"
local t = {}
for _ = 1, 50 do t = {t, t} end
pcall(json.encode, t)  -- caught, the limit stays exceeded
json.encode(t)
print("not reached")
