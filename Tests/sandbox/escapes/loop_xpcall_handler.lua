-- escape: loop in xpcall's message handler
-- args: --sandbox --max-instructions 1e7
-- exit: 10
-- stderr: instruction limit
while true do xpcall(function() while true do end end, function() while true do end end) end
