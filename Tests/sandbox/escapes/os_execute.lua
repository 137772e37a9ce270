-- escape: run a shell command
-- args: --sandbox
-- exit: 10
-- stderr: sandbox: os.execute is not allowed in the sandbox
-- never: ESCAPED-BY-SHELL
os.execute("echo ESCAPED-BY-SHELL")
