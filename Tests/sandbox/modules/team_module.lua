-- A module from another team, loaded by the escape corpus with sandbox.require.
local M = {}
M.loaded_with = require("json") and "json"
function M.hello(name) return "hello " .. name end
function M.read_passwd() return io.open("/etc/passwd"):read("a") end
function M.spin() while true do end end
function M.make_object()
  return setmetatable({}, {__index = function() while true do end end, __tostring = function() while true do end end})
end
function M.patch_host() string.format = nil end
return M
