-- escape: upload /etc/passwd as a "package", or download over a file outside the granted directories
-- args: --sandbox --allow-submit --allow-write {fixture}/granted
-- exit: 10
-- stdout: upload: sandbox: reading '/etc/passwd' is not allowed
-- stderr: sandbox: writing '
-- stderr: is not allowed
local ok, err = pcall(hdc.upload, 14631253285588839, 1152921504606971255, "/etc/passwd")
print("upload: " .. err.message)
hdc.download({productId = 1, id = 2}, "signedPackage", arg[1] .. "/outside/signed.zip")
