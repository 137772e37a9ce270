-- escape: dofile a file outside through .. from a granted directory
-- args: --sandbox --allow-read {fixture}/granted
-- exit: 10
-- stdout: inside
-- stderr: reading '
-- stderr: is not allowed
-- never: SECRET-OUTSIDE
print(dofile(arg[1] .. "/granted/inside.lua"))
print(dofile(arg[1] .. "/granted/../outside/secret.lua"))
