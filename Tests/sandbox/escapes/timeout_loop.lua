-- escape: a loop under a time limit (no instruction limit worth the name)
-- args: --sandbox --timeout 1 --max-instructions 1e15
-- exit: 10
-- stderr: time limit of 1 s exceeded
-- stderr: --timeout SECONDS
while true do end
