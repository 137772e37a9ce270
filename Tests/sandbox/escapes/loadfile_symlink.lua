-- escape: loadfile a link in a granted directory that points at /etc/passwd
-- args: --sandbox --allow-read {fixture}/granted
-- exit: 10
-- stderr: (resolved: '/etc/passwd')
-- never: root:x:0
print(loadfile(arg[1] .. "/granted/link-out"))
