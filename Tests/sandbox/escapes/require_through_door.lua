-- escape: require a module through a link to a directory outside
-- args: --sandbox --allow-read {fixture}/granted
-- exit: 1
-- stderr: module 'door.secret' not found
-- never: SECRET-OUTSIDE
print(require "door.secret")
