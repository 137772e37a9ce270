-- escape: a wait that outlasts the time limit (no Lua runs while it waits)
-- args: --sandbox --timeout 1
-- exit: 10
-- stdout: started
-- stderr: time limit of 1 s exceeded
print("started")
hdc.sleep(60)
print("slept through")
