-- bench/submissions.lua: n submissions created, uploaded, committed and awaited through
-- hdc.parallel against the emulator, for bench/run's concurrency rows.
--
--   hwsubmit --quiet --emulator --emulator-option=--step-delay=50ms bench/submissions.lua <package.zip> <n>
--
-- Prints "submissions <n> wall <seconds>": the time from the first create to the last signed
-- submission. With requests in flight side by side, 50 take about as long as 1.
local package_path, n = arg[1], math.tointeger(tonumber(arg[2]))
if not package_path or not n then
  io.stderr:write("usage: hwsubmit --emulator bench/submissions.lua <package.zip> <n>\n")
  os.exit(64)
end

local items = {}
for i = 1, n do items[i] = ("bench %d of %d"):format(i, n) end
local started = hdc.now()
local results, failures = hdc.parallel(items, function(name)
  local product = hdc.create_product{productName = name, requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
  local submission = hdc.create_submission(product, {name = name})
  hdc.upload(submission, package_path)
  hdc.commit(submission)
  return hdc.wait(submission, {interval = 0.05}).commitStatus
end, {concurrency = n})
local wall = hdc.now() - started
if failures then
  for _, f in ipairs(failures) do io.stderr:write(f.item, ": ", tostring(f.error), "\n") end
  os.exit(1)
end
for i, status in ipairs(results) do assert(status == "commitComplete", items[i] .. " ended " .. tostring(status)) end
print(("submissions %d wall %.3f"):format(n, wall))
