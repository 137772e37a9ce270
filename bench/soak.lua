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
-- per package: must be 0), and the interpreter's memory after each of eight rounds: the heap in
-- use (must not grow with the count), the resident set and its peak. Exits 1 when any of those
-- fails.
local workflow = require "workflow"
local bench = require "hwsubmit.bench"
local fs = require "fs"
local archive = require "archive"

local count = math.tointeger(tonumber(os.getenv("SOAK_COUNT") or "1000"))
local concurrency = math.tointeger(tonumber(os.getenv("SOAK_CONCURRENCY") or "16"))
local rate = tonumber(os.getenv("SOAK_FAULT_RATE") or "0.01")
local seed = math.tointeger(tonumber(os.getenv("SOAK_SEED") or "1"))
local package_folder = os.getenv("SOAK_PACKAGE") or "examples/contoso-widget"
-- How fast the heap in use may rise, in bytes per package, before it counts as growth: 1 KiB a
-- package is 1 MiB a thousand.
local allowed_growth = tonumber(os.getenv("SOAK_ALLOWED_GROWTH") or "1024")
if not count or count < 24 or not concurrency or concurrency < 1 or not rate or not seed then
  io.stderr:write("soak.lua: SOAK_COUNT (24 or more), SOAK_CONCURRENCY, SOAK_FAULT_RATE and SOAK_SEED must be numbers\n")
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

--- The interpreter's resident memory now, in KiB (Linux's /proc): all of it (VmRSS), its
--- peak (VmHWM), and the anonymous part (RssAnon: the heaps and stacks, where a leak would
--- show) apart from the file-backed part (RssFile: pages of the binary and libraries, which
--- grow as a run reaches more of their code, up to their size).
local function memory()
  local f = io.open("/proc/self/status")
  if not f then return {} end
  local text = f:read("a")
  f:close()
  local function field(name) return tonumber(text:match(name .. ":%s*(%d+)")) end
  return { rss = field("VmRSS"), hwm = field("VmHWM"), anon = field("RssAnon"), file = field("RssFile"),
    heap = bench.heap_in_use() // 1024 }
end

-- The packages go in eight rounds, each through hdc.parallel; between rounds nothing is in
-- flight, so the memory measured there is what the interpreter holds on to, not the work of the
-- moment.
local rounds = 8
local done, samples, failures = 0, {}, {}
local started = hdc.now()
io.stderr:write(("soak: %d packages in %d rounds, %d at a time, fault rate %.3f per rule (%d rules), seed %d\n"):format(
  count, rounds, concurrency, rate, #faults, seed))

local function submit(i)
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
  return true
end

for round = 1, rounds do
  local items = {}
  for i = count * (round - 1) // rounds + 1, count * round // rounds do items[#items + 1] = i end
  local _, failed = hdc.parallel(items, submit, { concurrency = concurrency })
  for _, f in ipairs(failed or {}) do failures[#failures + 1] = f end
  done = done + #items
  collectgarbage("collect") -- what the script still holds, not garbage waiting for the collector
  local m = memory()
  samples[#samples + 1] = { packages = done, heap = m.heap, rss = m.rss, hwm = m.hwm, anon = m.anon, file = m.file,
    lua_kib = math.floor(collectgarbage("count")), seconds = hdc.now() - started }
  io.stderr:write(("soak: %d signed, heap in use %d KiB, VmRSS %s KiB (anonymous %s, file-backed %s), VmHWM %s KiB\n"):format(
    done, m.heap, tostring(m.rss), tostring(m.anon), tostring(m.file), tostring(m.hwm)))
end
if #failures == 0 then failures = nil end
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
print("packages  heap KiB  VmRSS KiB  RssAnon KiB  RssFile KiB  VmHWM KiB  Lua heap KiB  seconds")
for _, s in ipairs(samples) do
  print(("%8d  %8d  %9s  %11s  %11s  %9s  %12d  %7.0f"):format(s.packages, s.heap, tostring(s.rss), tostring(s.anon),
    tostring(s.file), tostring(s.hwm), s.lua_kib, s.seconds))
end
-- The trend is judged on the heap in use (every byte the C allocator has handed out and not had
-- back: Lua's, Swift's, the HTTP stack's) between rounds: the least-squares slope over the rounds
-- after the first, which fills the caches and pools a run keeps (connections, their buffers, type
-- metadata). The resident set is printed beside it but not judged: it also counts freed memory
-- the allocator keeps for reuse, and the binary's pages as the run first reaches their code.
local function slope(points)
  local n, sx, sy = #points, 0, 0
  for _, p in ipairs(points) do sx, sy = sx + p.packages, sy + p.heap * 1024 end
  local mx, my, num, den = sx / n, sy / n, 0, 0
  for _, p in ipairs(points) do
    num = num + (p.packages - mx) * (p.heap * 1024 - my)
    den = den + (p.packages - mx) ^ 2
  end
  return den > 0 and num / den or 0
end
local steady = { table.unpack(samples, 2) }
local growth = slope(steady)
local first, last = samples[1], samples[#samples]
print(("memory trend    %+.0f bytes of heap per package from %d to %d packages (allowed %d); VmRSS %+.1f%% from the first round, peak VmHWM %s KiB"):format(
  growth, steady[1] and steady[1].packages or 0, last and last.packages or 0, allowed_growth,
  first and last and first.rss and last.rss and (last.rss - first.rss) / first.rss * 100 or 0, tostring(last and last.hwm)))

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
  io.stderr:write("soak: the heap in use grew with the count\n")
end
print(ok and "soak: passed" or "soak: FAILED")
os.exit(ok and 0 or 1)
