-- The workflow bench/sandbox.sh runs with and without --sandbox: a submission end to end
-- against the emulator, plus the Lua work a release script does around it (reading an INF,
-- building tables, formatting a report).
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

local rounds = tonumber(arg[1]) or 3
local found = 0
for _ = 1, rounds do found = found + #hardware_ids(text) end

local product = hdc.create_product{productName = "Bench Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
local submission = hdc.create_submission(product, {name = "bench"})
hdc.commit(submission)
local listed = 0
for _ in hdc.products() do listed = listed + 1 end
local report = {}
for i = 1, 500 do report[#report + 1] = string.format("| %d | %s | %d |", i, product.productName or "", listed) end
print(string.format("hardware ids %d, products %d, report lines %d", found, listed, #report))
