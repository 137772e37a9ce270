-- escape: connect to another account's profile of config.lua from a sandbox that was granted none (only the current one is allowed)
-- args: --sandbox
-- env: XDG_CONFIG_HOME={fixture}/config
-- env: CONTOSO_TOKEN=contoso-token
-- env: FABRIKAM_TOKEN=fabrikam-token
-- exit: 10
-- stdout: current profile: hdc.Client
-- stdout: fabrikam: permissionDenied, no client
-- stderr: sandbox: hdc.connect with the profile 'northwind' is not allowed
-- stderr: Grant it with --allow-profile northwind.
local ok, client = pcall(hdc.connect, {profile = "contoso"})
print("current profile: " .. (ok and tostring(client):match("^hdc%.Client") or tostring(client)))
local refused, err = pcall(hdc.connect, {profile = "fabrikam"})
print("fabrikam: " .. (refused and "connected" or err.code) .. ", " .. (type(err) == "userdata" and "a client" or "no client"))
hdc.connect{profile = "northwind"}
