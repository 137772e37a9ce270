-- escape: catch the refusal and try the other write operations and the client methods
-- args: --sandbox
-- exit: 10
-- stdout: kind=sandbox code=permissionDenied
-- stdout: commit refused
-- stdout: cancel refused
-- stderr: hdc.update_submission (a write operation on the service) is not allowed
local ok, err = pcall(hdc.create_submission, 1, {name = "x"})
print("kind=" .. err.kind .. " code=" .. err.code)
print("commit " .. (pcall(hdc.commit, 1, 2) and "allowed" or "refused"))
print("cancel " .. (pcall(hdc.cancel_shipping_label, 1, 2, 3) and "allowed" or "refused"))
hdc.update_submission(1, 2, {})
