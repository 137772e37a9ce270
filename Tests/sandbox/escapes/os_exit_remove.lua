-- escape: end the host process with os.exit, or remove and rename files
-- args: --sandbox
-- exit: 10
-- stdout: exit refused
-- stdout: remove refused
-- stdout: rename refused
-- stderr: sandbox: os.tmpname is not allowed
print("exit " .. (pcall(os.exit, 0) and "allowed" or "refused"))
print("remove " .. (pcall(os.remove, "/tmp/x") and "allowed" or "refused"))
print("rename " .. (pcall(os.rename, "/tmp/x", "/tmp/y") and "allowed" or "refused"))
os.tmpname()
