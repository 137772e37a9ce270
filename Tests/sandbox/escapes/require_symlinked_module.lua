-- escape: require a module whose file in a granted directory is a link to a file outside
-- args: --sandbox --allow-read {fixture}/granted
-- exit: 1
-- stderr: module 'smuggled' not found
-- stdout: inside
-- never: SECRET-OUTSIDE
print(require "inside")
print(require "smuggled")
