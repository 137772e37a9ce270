-- escape: C loops that run no VM instruction and allocate nothing (string.rep of nothing, table.move over nils, table.insert and table.remove under a huge __len, table.sort and table.concat through C metamethods), each in sandbox.run inside a trusted script that must carry on
-- exit: 0
-- stdout: rep of nothing: ok 0
-- stdout: move: instructionLimit
-- stdout: insert: instructionLimit
-- stdout: remove: instructionLimit
-- stdout: sort: instructionLimit
-- stdout: concat: instructionLimit
-- stdout: move under a time limit: timeLimit
-- stdout: host alive
local attempts = {
  {"rep of nothing", "return #string.rep('', math.maxinteger)"},
  {"move", "table.move({}, 1, math.maxinteger - 1, 1, {})"},
  {"insert", "table.insert(setmetatable({}, {__len = function() return math.maxinteger - 2 end}), 1, 'x')"},
  {"remove", "table.remove(setmetatable({}, {__len = function() return math.maxinteger - 1 end}), 1)"},
  {"sort", "table.sort(setmetatable({}, {__len = function() return 2^31 - 2 end, __index = rawlen, __newindex = rawequal}))"},
  {"concat", "table.concat(setmetatable({}, {__len = function() return math.maxinteger end, __index = rawlen}))"},
}
for _, attempt in ipairs(attempts) do
  local ok, result = pcall(sandbox.run, attempt[2], {max_instructions = 1e6})
  print(attempt[1] .. ": " .. (ok and "ok " .. tostring(result) or tostring(result.code)))
end
local _, err = pcall(sandbox.run, "table.move({}, 1, math.maxinteger - 1, 1, {})", {timeout = 0.3, max_instructions = 1e15})
print("move under a time limit: " .. tostring(err.code))
print("host alive")
