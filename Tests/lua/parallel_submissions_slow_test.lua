-- emulator: --step-delay=30ms
-- 50 submissions created, uploaded, committed and awaited through hdc.parallel, all at once:
-- every one signed, results in input order, and the emulator's log shows requests overlapping.
local check = require "check"
local driver_package = require "driver_package"

local path = driver_package.sample()
hdc.emulator.clear_requests()
-- Each create takes a while at the service, so creates that overlap show it in the log.
hdc.emulator.fault{route = "POST /products", delayMs = 150, count = 50}

local names = {}
for i = 1, 50 do names[i] = ("parallel %02d"):format(i) end
local results, failures = hdc.parallel(names, function(name)
  -- A product has one initial submission: each package is a product of its own.
  local product = hdc.create_product{productName = name, requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
  local s = hdc.create_submission(product, {name = name})
  hdc.upload(s, path)
  hdc.commit(s)
  local signed = hdc.wait(s, {interval = 0.05})
  return {name = signed.name, commit = signed.commitStatus}
end, {concurrency = 50})

check.eq(failures, nil, "no failures")
check.eq(#results, 50, "a result per submission")
for i, r in ipairs(results) do
  check.eq(r.name, names[i], "result " .. i .. " in input order")
  check.eq(r.commit, "commitComplete", "submission " .. i .. " signed")
end

-- The most requests the emulator had in flight at one moment (its log's start and end times).
local edges = {}
for _, r in ipairs(hdc.emulator.requests()) do
  edges[#edges + 1] = {r.start, 1}
  edges[#edges + 1] = {r["end"], -1}
end
table.sort(edges, function(a, b) if a[1] ~= b[1] then return a[1] < b[1] end return a[2] < b[2] end)
local in_flight, most = 0, 0
for _, e in ipairs(edges) do
  in_flight = in_flight + e[2]
  most = math.max(most, in_flight)
end
check.truthy(most >= 10, "requests overlapped at the emulator: at most " .. most .. " at once")
check.eq(check.requests("POST /products/{productId}/submissions/{submissionId}/commit", 202)
  + check.requests("POST /products/{productId}/submissions/{submissionId}/commit", 200), 50, "fifty commits")
os.remove(path)
check.done()
