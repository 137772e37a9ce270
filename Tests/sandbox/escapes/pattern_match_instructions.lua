-- escape: a backtracking pattern in string.match (C code, where the instruction hook never fires), caught with pcall and tried again
-- args: --sandbox --max-instructions 1e7
-- exit: 10
-- stderr: sandbox: instruction limit of 10000000 instructions exceeded
-- stderr: --max-instructions N
-- never: MATCHED
local s, p = string.rep("a", 3000), ".-.-.-b"
while true do
  if pcall(function() return string.match(s, p) end) then print("MATCHED") end
end
