-- escape: use a profile beyond the ones granted (--allow-profile on the command line, profile = {...} in a sandbox.run policy)
-- env: XDG_CONFIG_HOME={fixture}/config
-- env: CONTOSO_TOKEN=contoso-token
-- env: FABRIKAM_TOKEN=fabrikam-token
-- env: NORTHWIND_TOKEN=northwind-token
-- exit: 0
-- stdout: granted fabrikam: hdc.Client
-- stdout: northwind not granted: sandbox: hdc.connect with the profile 'northwind' is not allowed
-- stdout: Grant it with profile = {"northwind"} in the sandbox policy.
-- stdout: the current profile without a grant: hdc.Client
local connect = "return tostring(hdc.connect{profile = ...}):match('^hdc%.Client')"
print("granted fabrikam: " .. sandbox.run(connect, {profile = {"fabrikam"}}, "fabrikam"))
local ok, err = pcall(sandbox.run, connect, {profile = "fabrikam"}, "northwind")
print("northwind not granted: " .. (ok and "connected" or tostring(err)))
print("the current profile without a grant: " .. sandbox.run(connect, nil, "contoso"))
