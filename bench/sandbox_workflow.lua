-- The workflow bench/sandbox.sh runs with and without --sandbox: the Lua work a release script
-- does (reading hardware IDs, building tables, formatting a report) around one whole
-- submission through workflow.submit (zip, product, submission, upload, commit, wait,
-- download), against the emulator the environment names.
--
--   hwsubmit [--sandbox --allow-read PKG --allow-write OUT --allow-submit] bench/sandbox_workflow.lua PKG OUT
local workflow = require "workflow"

local package_folder, out = arg[1], arg[2]
if not package_folder or not out then
  io.stderr:write("usage: hwsubmit bench/sandbox_workflow.lua <package folder> <output folder>\n")
  os.exit(64)
end

local inf = {}
for i = 1, 2000 do
  inf[#inf + 1] = string.format("%%DeviceDesc%d%% = Install, PCI\\VEN_8086&DEV_%04X&SUBSYS_%08X", i, i, i * 7919)
end
local text = table.concat(inf, "\n")

local function hardware_ids(body)
  local ids = {}
  for line in body:gmatch("[^\n]+") do
    local id = line:match("=%s*[^,]+,%s*(.+)$")
    if id then ids[#ids + 1] = id:upper() end
  end
  table.sort(ids)
  return ids
end

local found = 0
for _ = 1, 3 do found = found + #hardware_ids(text) end

local name = ("bench %d"):format(math.floor(hdc.now() * 1000000))
local result = workflow.submit{
  package = package_folder,
  product = { productName = name },
  name = name,
  download = out .. "/" .. name:gsub(" ", "-") .. "-signed.zip",
  work_dir = out,
  interval = 0.02,
  max_interval = 0.05,
}
local report = {}
for i = 1, 500 do report[#report + 1] = string.format("| %d | %s | %d |", i, name, result.submission_id % 1000) end
print(string.format("hardware ids %d, submission %d, report lines %d", found, result.submission_id, #report))
