-- escape: a team's module loaded with sandbox.require tries to read files, spin and patch the host
-- exit: 0
-- stdout: hello team (json)
-- stdout: read_passwd: permissionDenied
-- stdout: spin: instructionLimit
-- stdout: patch_host: permissionDenied
-- stdout: host string.format intact: 42
-- never: root:x:0
local here = arg[0]:match("^(.*)/[^/]*$")
package.path = here .. "/../modules/?.lua;" .. package.path
local team = sandbox.require("team_module", {max_instructions = 1e6})
print(team.hello("team") .. " (" .. team.loaded_with .. ")")
for _, name in ipairs{"read_passwd", "spin", "patch_host"} do
  local ok, err = pcall(team[name])
  print(name .. ": " .. (ok and "allowed" or err.code))
end
print("host string.format intact: " .. string.format("%d", 42))
