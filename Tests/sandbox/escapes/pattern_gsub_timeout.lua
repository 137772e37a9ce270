-- escape: a backtracking pattern in string.gsub under a time limit only (the matcher must see the deadline)
-- args: --sandbox --timeout 1 --max-instructions 1e15
-- exit: 10
-- stderr: sandbox: time limit of 1 s exceeded
-- stderr: --timeout SECONDS
-- never: MATCHED
local s, p = string.rep("a", 3000), ".-.-.-b"
while true do
  if pcall(function() return string.gsub(s, p, "x") end) then print("MATCHED") end
end
