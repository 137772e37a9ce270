-- escape: loop inside coroutine.wrap, and resume failing coroutines forever
-- args: --sandbox --max-instructions 1e7
-- exit: 10
-- stderr: instruction limit
while true do
  coroutine.resume(coroutine.create(function() while true do end end))
  pcall(coroutine.wrap(function() while true do end end))
end
