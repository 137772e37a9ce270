-- escape: change the metatable of shared tables (string, hdc, the JSON markers)
-- args: --sandbox
-- exit: 10
-- stdout: string: false
-- stdout: hdc: false
-- stdout: rawset: false
-- stderr: changing the read-only table 'string' (field 'rep')
print("string: " .. tostring(pcall(setmetatable, string, {})))
print("hdc: " .. tostring(pcall(setmetatable, hdc, {__index = _G})))
print("rawset: " .. tostring(pcall(rawset, table, "concat", print)))
string.rep = function() return "hijacked" end
