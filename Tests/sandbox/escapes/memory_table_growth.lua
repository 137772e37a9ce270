-- escape: a table that grows without end, under the default memory limit
-- args: --sandbox
-- exit: 10
-- stderr: memory limit of 256 MiB exceeded
local t = {}
local i = 0
while true do
  i = i + 1
  t[i] = {i}
end
