-- escape: while true do end, under the default instruction limit
-- args: --sandbox
-- exit: 10
-- stderr: instruction limit of 1000000000 instructions exceeded
-- stderr: --max-instructions N
while true do end
