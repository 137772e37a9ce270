--- What `hwsubmit test [options] [paths]` runs: loads every `*_spec.lua` file under the paths
--- (default: the current directory), runs their tests with `spec`, prints `N passed, N failed`
--- and exits 1 when a test failed or a file could not be loaded.
local fs = require "fs"
local spec = require "spec"

local paths = { ... }
if #paths == 0 then paths = { "." } end

local files = {}
for _, path in ipairs(paths) do
  if fs.is_dir(path) then
    for _, name in ipairs(fs.list(path, { recursive = true })) do
      if name:match("_spec%.lua$") then files[#files + 1] = fs.join(path, name) end
    end
  elseif fs.exists(path) then
    files[#files + 1] = path
  else
    io.stderr:write(("hwsubmit test: no file or folder %s\n"):format(path))
    os.exit(2)
  end
end

local broken = 0
for _, file in ipairs(files) do
  local chunk, problem = loadfile(file)
  local ok = chunk ~= nil
  if ok then ok, problem = pcall(chunk) end
  if not ok then
    broken = broken + 1
    io.stdout:write("FAILED  ", file, " (could not be loaded)\n        ", tostring(problem), "\n")
  end
end

local passed, failed = spec.run({ output = io.stdout })
if broken > 0 then io.stdout:write(("%d file(s) could not be loaded\n"):format(broken)) end
if #files == 0 then io.stderr:write("hwsubmit test: no *_spec.lua file found\n") end
io.stdout:flush()
if failed + broken > 0 or passed == 0 then os.exit(1) end
