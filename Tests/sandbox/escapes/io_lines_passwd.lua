-- escape: read /etc/passwd through io.lines, after checking that io is not the real library
-- args: --sandbox
-- exit: 10
-- stderr: sandbox: io.lines
-- never: root:x:0
for line in io.lines("/etc/passwd") do print(line) end
