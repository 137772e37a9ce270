-- escape: change the host's libraries from sandbox.run (string, its metatable, hdc)
-- exit: 0
-- stdout: string.rep: changing the read-only table 'string'
-- stdout: metatable: changing the read-only table 'a metatable of the host.__index'
-- stdout: hdc: changing the read-only table 'hdc'
-- stdout: host intact: ababab ABC function
local function try(code)
  local ok, err = pcall(sandbox.run, code)
  return ok and "allowed" or err.message:match("changing the read%-only table '[^']*'") or tostring(err.message)
end
print("string.rep: " .. try("string.rep = nil"))
print("metatable: " .. try("getmetatable('').__index.upper = nil"))
print("hdc: " .. try("hdc.products = nil"))
print("host intact: " .. ("ab"):rep(3) .. " " .. ("abc"):upper() .. " " .. type(hdc.products))
