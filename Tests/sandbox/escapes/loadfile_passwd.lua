-- escape: loadfile /etc/passwd (a syntax error would quote it)
-- args: --sandbox
-- exit: 10
-- stderr: reading '/etc/passwd' is not allowed
-- stderr: --allow-read DIR
-- never: root:x:0
print(loadfile("/etc/passwd"))
