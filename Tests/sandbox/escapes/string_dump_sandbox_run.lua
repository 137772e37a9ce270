-- escape: reach string.dump from sandbox.run in a trusted script, through the string metatable shared with the host (("").dump, s:dump, getmetatable("").__index.dump)
-- exit: 0
-- stdout: ("").dump: sandbox: string.dump is not allowed in the sandbox
-- stdout: s:dump: sandbox: string.dump is not allowed in the sandbox
-- stdout: metatable: nil
-- stdout: bytecode obtained: none
-- stdout: host keeps string.dump: true
local attempts = {
  {'("").dump', [[return ("").dump(function() return 1 end)]]},
  {"s:dump", [[local s = "x" return s.dump(function() return 1 end)]]},
  {"metatable", [[local d = getmetatable("").__index.dump return d and d(function() end)]]},
}
local obtained = {}
for _, attempt in ipairs(attempts) do
  local ok, result = pcall(sandbox.run, attempt[2])
  if ok and type(result) == "string" and result:sub(1, 4) == "\27Lua" then obtained[#obtained + 1] = attempt[1] end
  print(attempt[1] .. ": " .. (ok and tostring(result) or result.message))
end
print("bytecode obtained: " .. (#obtained == 0 and "none" or table.concat(obtained, " ")))
print("host keeps string.dump: " .. tostring(string.dump(function() end):sub(1, 4) == "\27Lua"))
