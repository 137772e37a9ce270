-- escape: catch the memory error with pcall and carry on allocating
-- args: --sandbox --max-memory 32M
-- exit: 10
-- stderr: memory limit of 32 MiB exceeded
local keep = {}
local ok = pcall(string.rep, "x", 1 << 30)
print(ok and "first allowed" or "first caught")
while true do
  pcall(function() keep[#keep + 1] = string.rep("y", 1 << 20) end)
end
