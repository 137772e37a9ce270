-- escape: an endless __gc finalizer (finalizers run with hooks off, where no limit could stop them)
-- args: --sandbox --max-instructions 1e7
-- exit: 10
-- stderr: a __gc metamethod (finalizers run where no limit can stop them) is not allowed
setmetatable({}, {__gc = function() while true do end end})
collectgarbage()
