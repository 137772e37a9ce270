-- bench/soak.lua: the soak test. SOAK_COUNT packages (default 1000) submitted through
-- workflow.submit against the emulator, SOAK_CONCURRENCY at a time (default 16), while the
-- emulator injects random transient faults (503, 500, 429 with Retry-After, dropped
-- connections, answers lost after the request landed): eight rules, each hitting a request
-- with probability SOAK_FAULT_RATE (default 0.01: about 8% of requests), drawn from SOAK_SEED (default 1).
--
--   make soak                                   # or, by hand:
--   SOAK_COUNT=200 hwsubmit --quiet --emulator --emulator-option=--step-delay=10ms bench/soak.lua
--
-- Reports how many were signed, the duplicates (products and submissions created beyond one
-- per package: must be 0), and the interpreter's resident memory at each quarter of the run
-- (must not grow with the count). Exits 1 when any of those fails.
local workflow = require "workflow"
local fs = require "fs"
local archive = require "archive"

local count = math.tointeger(tonumber(os.getenv("SOAK_COUNT") or "1000"))
local concurrency = math.tointeger(tonumber(os.getenv("SOAK_CONCURRENCY") or "16"))
local rate = tonumber(os.getenv("SOAK_FAULT_RATE") or "0.01")
local seed = math.tointeger(tonumber(os.getenv("SOAK_SEED") or "1"))
local package_folder = os.getenv("SOAK_PACKAGE") or "examples/contoso-widget"
-- Resident memory may rise this much from the first quarter to the end before it counts as growth.
local allowed_growth = tonumber(os.getenv("SOAK_ALLOWED_GROWTH") or "0.25")
if not count or count < 4 or not concurrency or concurrency < 1 or not rate or not seed then
  io.stderr:write("soak.lua: SOAK_COUNT (4 or more), SOAK_CONCURRENCY, SOAK_FAULT_RATE and SOAK_SEED must be numbers\n")
  os.exit(2)
end
if not hdc.emulator then
  io.stderr:write("soak.lua: run it with hwsubmit --emulator (it injects faults through the emulator's admin API)\n")
  os.exit(2)
end

-- Every request of every route may be hit; the first rule that applies wins.
local faults = {
  { status = 503, retryAfter = 1 }, { status = 500 }, { status = 502 }, { status = 504 }, { status = 429, retryAfter = 1 },
  { drop = true }, { drop = true, after = true }, { status = 503, after = true },
}
for i, rule in ipairs(faults) do
  rule.route, rule.probability, rule.seed = "*", rate, seed * 100 + i
  hdc.emulator.fault(rule)
end

local work = fs.tmpdir("hwsubmit-soak")
local zip = fs.join(work, "package.zip")
archive.zip(package_folder, zip)

--- The interpreter's own resident memory now and at its peak, in KiB (Linux's /proc).
local function memory()
  local f = io.open("/proc/self/status")
  if not f then return nil, nil end
  local text = f:read("a")
  f:close()
  return tonumber(text:match("VmRSS:%s*(%d+)")), tonumber(text:match("VmHWM:%s*(%d+)"))
end

local items = {}
for i = 1, count do items[i] = i end
local done, samples = 0, {}
local checkpoints = {}
for q = 1, 4 do checkpoints[count * q // 4] = q end
local started = hdc.now()
io.stderr:write(("soak: %d packages, %d at a time, fault rate %.3f per rule (%d rules), seed %d\n"):format(count, concurrency, rate, #faults, seed))

local _, failures = hdc.parallel(items, function(i)
  local name = ("soak %04d"):format(i)
  local target = fs.join(work, ("signed-%04d.zip"):format(i))
  local result = workflow.submit{
    package = zip, name = name, product = { productName = name }, download = target,
    interval = 0.05, max_interval = 0.2, timeout = 600,
  }
  local entries = archive.list(result.signed_package)
  local catalog = false
  for _, e in ipairs(entries) do if e.path:lower():match("%.cat$") then catalog = true end end
  fs.remove(target)
  if not catalog then error(name .. ": the signed package holds no catalog") end
  done = done + 1
  if checkpoints[done] then
    local rss, hwm = memory()
    samples[#samples + 1] = { packages = done, rss = rss, hwm = hwm, lua_kib = math.floor(collectgarbage("count")), seconds = hdc.now() - started }
    io.stderr:write(("soak: %d signed, VmRSS %s KiB, VmHWM %s KiB\n"):format(done, tostring(rss), tostring(hwm)))
  end
  return true
end, { concurrency = concurrency })
local wall = hdc.now() - started
fs.remove(work)

-- Duplicates: products or submissions beyond one per name.
local state = hdc.emulator.state()
local function duplicates(list, field)
  local seen, extra = {}, 0
  for _, item in ipairs(list) do
    local key = item[field]
    if seen[key] then extra = extra + 1 else seen[key] = true end
  end
  return extra
end
local products, submissions = #state.products, #state.submissions
local duplicate_products, duplicate_submissions = duplicates(state.products, "productName"), duplicates(state.submissions, "name")
local faulted = 0
for _, rule in ipairs(state.faults) do faulted = faulted + (rule.applied or 0) end

local failed = failures and #failures or 0
print(("soak: %d packages, concurrency %d, %.0f s"):format(count, concurrency, wall))
print(("signed          %d of %d"):format(count - failed, count))
print(("faults injected %d"):format(faulted))
print(("products        %d created, %d duplicates"):format(products, duplicate_products))
print(("submissions     %d created, %d duplicates"):format(submissions, duplicate_submissions))
print("packages  VmRSS KiB  VmHWM KiB  Lua heap KiB  seconds")
for _, s in ipairs(samples) do
  print(("%8d  %9s  %9s  %12d  %7.0f"):format(s.packages, tostring(s.rss), tostring(s.hwm), s.lua_kib, s.seconds))
end
local first, last = samples[1], samples[#samples]
local growth = first and last and first.rss and last.rss and (last.rss - first.rss) / first.rss or 0
print(("memory trend    %+.1f%% VmRSS from %d to %d packages (allowed %+.0f%%)"):format(
  growth * 100, first and first.packages or 0, last and last.packages or 0, allowed_growth * 100))

local ok = true
for _, f in ipairs(failures or {}) do
  ok = false
  io.stderr:write(("soak: package %d failed: %s\n"):format(f.item, tostring(f.error)))
end
if duplicate_products + duplicate_submissions > 0 or products ~= count or submissions ~= count then
  ok = false
  io.stderr:write(("soak: expected %d products and %d submissions, one per package\n"):format(count, count))
end
if growth > allowed_growth then
  ok = false
  io.stderr:write("soak: resident memory grew with the count\n")
end
print(ok and "soak: passed" or "soak: FAILED")
os.exit(ok and 0 or 1)
