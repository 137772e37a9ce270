-- escape: dofile() with no name reads standard input
-- args: --sandbox
-- exit: 10
-- stderr: dofile() of standard input is not allowed in the sandbox
dofile()
