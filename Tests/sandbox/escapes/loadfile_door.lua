-- escape: loadfile through a link to a directory outside
-- args: --sandbox --allow-read {fixture}/granted
-- exit: 10
-- stderr: is not allowed
-- never: SECRET-OUTSIDE
print(loadfile(arg[1] .. "/granted/door/secret.lua")())
