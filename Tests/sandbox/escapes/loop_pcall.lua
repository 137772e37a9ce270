-- escape: swallow the limit error with pcall in an endless loop
-- args: --sandbox --max-instructions 1e7
-- exit: 10
-- stderr: instruction limit of 10000000 instructions exceeded
while true do pcall(function() while true do end end) end
