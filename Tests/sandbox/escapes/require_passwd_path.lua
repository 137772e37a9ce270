-- escape: require a file outside the granted directories by a path-like name
-- args: --sandbox
-- exit: 1
-- stderr: module '../../../../etc/passwd' not found
-- stderr: plain dotted names only
-- never: root:x:0
require "../../../../etc/passwd"
