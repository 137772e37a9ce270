-- escape: load precompiled bytecode (unchecked by Lua, it can corrupt the interpreter)
-- args: --sandbox --allow-read {fixture}/granted
-- exit: 10
-- stdout: dump: nil
-- stdout: method dump: nil
-- stdout: string: sandbox: loading a binary chunk (bytecode) is not allowed
-- stdout: reader: sandbox: loading a binary chunk (bytecode) is not allowed
-- stdout: file: sandbox: loading a binary chunk (bytecode) is not allowed
-- stderr: sandbox: loading the module 'compiled' from a binary chunk (bytecode) is not allowed in the sandbox
-- never: error loading module
print("dump: " .. tostring(string.dump))
print("method dump: " .. tostring(("").dump))
print("string: " .. select(2, load("\27Lua\84\0\25\147\13\10\26\10\4\8\8\120\86\0\0\0\0\0\0\0\0\0\0\0\40\119\64\1")))
print("reader: " .. select(2, load(function() return "\27Lua" end, "x", "b")))
print("file: " .. select(2, loadfile(arg[1] .. "/granted/compiled.lua", "b")))
require "compiled"
