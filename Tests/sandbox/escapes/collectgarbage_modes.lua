-- escape: stop or retune the host's collector
-- args: --sandbox
-- exit: 10
-- stdout: count works: true
-- stderr: collectgarbage("stop") is not allowed
print("count works: " .. tostring(collectgarbage("count") > 0))
collectgarbage("stop")
