-- escape: an endless loop in sandbox.run, inside a trusted script that must carry on
-- exit: 0
-- stdout: code=instructionLimit kind=sandbox
-- stdout: pcall inside swallowed nothing: instructionLimit
-- stdout: host alive 5000000
local ok, err = pcall(sandbox.run, "while true do end", {max_instructions = 1e6})
print("code=" .. err.code .. " kind=" .. err.kind)
ok, err = pcall(sandbox.run, "while true do pcall(function() while true do end end) end", {max_instructions = 1e6})
print("pcall inside swallowed nothing: " .. err.code)
local n = 0
for i = 1, 5000000 do n = n + 1 end
print("host alive " .. n)
