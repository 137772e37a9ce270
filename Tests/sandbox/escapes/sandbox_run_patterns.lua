-- escape: backtracking patterns in sandbox.run, through find, match, gmatch, gsub and s:find, under an instruction limit and a time limit, inside a trusted script that must carry on
-- exit: 0
-- stdout: find: instructionLimit timeLimit
-- stdout: match: instructionLimit timeLimit
-- stdout: gmatch: instructionLimit timeLimit
-- stdout: gsub: instructionLimit timeLimit
-- stdout: method: instructionLimit timeLimit
-- stdout: host alive: 2 3
local forms = {
  {"find", "string.find(s, p)"}, {"match", "string.match(s, p)"}, {"gmatch", "string.gmatch(s, p)()"},
  {"gsub", "string.gsub(s, p, 'x')"}, {"method", "s:find(p)"},
}
for _, form in ipairs(forms) do
  local code = "local s, p = string.rep('a', 3000), '.-.-.-b'\n"
    .. "while true do pcall(function() return " .. form[2] .. " end) end"
  local _, counted = pcall(sandbox.run, code, {max_instructions = 1e6})
  local _, timed = pcall(sandbox.run, code, {timeout = 0.3, max_instructions = 1e15})
  print(form[1] .. ": " .. tostring(counted.code) .. " " .. tostring(timed.code))
end
-- The host's own pattern matching is not limited, and works.
print("host alive: " .. select(2, string.gsub("a.b.c", "%.", "/")) .. " " .. #string.rep("x", 3))
