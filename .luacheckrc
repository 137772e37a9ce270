-- luacheck configuration for hwsubmit's Lua: the stdlib modules and the scripts teams run.
-- `make lint` (part of `make test`) runs `luacheck stdlib scripts`.
std = "lua54"
-- Every hwsubmit script has the global `hdc`; scripts also get `arg`.
read_globals = { "hdc" }
max_code_line_length = 180
max_comment_line_length = false
-- Generated editor annotations declare the API's globals and empty function bodies.
exclude_files = { "stdlib/meta/**" }
files["scripts/**/*.lua"] = { std = "+lua54", read_globals = { "hdc", "arg" } }
