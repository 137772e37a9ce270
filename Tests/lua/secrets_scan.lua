-- Two parts. The walk: runs a full workflow against the emulator (create product and
-- submission, upload, commit, wait, download, through require("workflow").submit, in the
-- trusted script and in a sandbox), prints what a script would print about it, then writes
-- every string reachable from the Lua state (globals, the registry, loaded modules, upvalues,
-- metatables, user values, the locals of suspended coroutines) to the file STRINGS, one per
-- line, for the test to search for secrets. The feed: only then reads SAMPLES (secrets in
-- every encoding, one per line) and pushes each through every output hwsubmit has: `pretty`
-- (what the REPL shows), `report` tables, `--json` results and failures (`cli`), JUnit XML,
-- the GitHub step summary, `log` lines, a sandbox's output, and last an uncaught error, for
-- the test to find none of them in stdout, stderr and the files.
-- Usage: hwsubmit secrets_scan.lua STRINGS PACKAGE_DIR OUTPUT_DIR SAMPLES [feed-only]
-- (settings from the environment; feed-only skips the workflow and the walk)
local strings_path, package_dir, output_dir, samples_path = arg[1], arg[2], arg[3], arg[4]
assert(strings_path and package_dir and output_dir and samples_path, "usage: secrets_scan.lua STRINGS PACKAGE_DIR OUTPUT_DIR SAMPLES [feed-only]")
local feed_only = arg[5] == "feed-only"
local pretty = require "pretty"
local log = require "log"

local function walk_the_state()
  local out = assert(io.open(strings_path, "w"))
  local workflow = require "workflow"

  -- The workflow: everything a script normally touches.
  local result = workflow.submit{
    package = package_dir, product = {productName = "Scanned Widget"},
    download = output_dir .. "/signed.zip", interval = 0.05,
  }
  local signed = hdc.submission(result.product_id, result.submission_id)
  print(pretty(signed))                            -- the SAS URLs as a person sees them: masked
  for _, item in ipairs(signed.downloads.items) do log.info("download ready", {type = item.type, url = item.url}) end
  local product = hdc.create_product{productName = "Scanned Widget, never uploaded", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
  local submission = hdc.create_submission(product, {name = "scanned, never uploaded"})
  hdc.commit(submission)
  local failed = select(2, pcall(hdc.wait, submission, {interval = 0.02}))
  print(tostring(failed))
  local listed = hdc.collect(hdc.products())
  local _, errors = hdc.parallel({1, 2}, function(id) return hdc.product(id) end)
  local client = hdc.connect{max_attempts = 2}
  local me = client:whoami()
  local suspended = coroutine.create(function() local keep = hdc.product(product.id) coroutine.yield(keep) end)
  coroutine.resume(suspended)
  local task = hdc.spawn(function() return hdc.submission(signed) end)
  task:wait()
  -- The same workflow in a sandbox, so its tables (views, copies, policy) are walked too; it
  -- submits the package zipped (a folder would be zipped in the temporary directory).
  require("archive").zip(package_dir, output_dir .. "/package.zip")
  local sandboxed = {sandbox.run([[
    local output_dir = ...
    local result = require("workflow").submit{
      package = output_dir .. "/package.zip", product = {productName = "Sandboxed Scan Widget"},
      download = output_dir .. "/sandboxed-signed.zip", interval = 0.05,
    }
    local s = hdc.submission(result.product_id, result.submission_id)
    print(require("pretty")(s))
    return result, s, hdc.whoami(), function() return hdc.submission(s) end, hdc.product(result.product_id)
  ]], {write = {output_dir}, submit = true}, output_dir)}
  sandboxed[#sandboxed + 1] = sandboxed[4]()
  KEEP = {result, signed, product, submission, failed, listed, errors, client, me, suspended, task, sandboxed}

  -- The walk.
  local seen, count = {}, 0
  local function emit(s)
    count = count + 1
    out:write((s:gsub("\n", "\\n")), "\n")
  end
  local walk
  local function visit(v)
    local t = type(v)
    if t == "string" then
      if not seen[v] then seen[v] = true emit(v) end
      return
    end
    if (t ~= "table" and t ~= "function" and t ~= "userdata" and t ~= "thread") or seen[v] then return end
    seen[v] = true
    walk(v, t)
  end
  walk = function(v, t)
    local mt = debug.getmetatable(v)
    if mt then visit(mt) end
    if t == "table" then
      for k, x in next, v do visit(k) visit(x) end
    elseif t == "function" then
      local i = 1
      while true do
        local name, x = debug.getupvalue(v, i)
        if not name then break end
        visit(name) visit(x)
        i = i + 1
      end
    elseif t == "userdata" then
      local i = 1
      while true do
        local x, more = debug.getuservalue(v, i)
        if more == false or more == nil then break end
        visit(x)
        i = i + 1
      end
    elseif t == "thread" then
      for level = 0, 200 do
        local info = debug.getinfo(v, level, "f")
        if not info then break end
        visit(info.func)
        local i = 1
        while true do
          local name, x = debug.getlocal(v, level, i)
          if not name then break end
          visit(x)
          i = i + 1
        end
      end
    end
  end
  visit(debug.getregistry())
  visit(_G)
  visit(package.loaded)
  visit(coroutine.running())
  out:close()
  print(("scanned %d strings"):format(count))
end

-- The feed.
local function feed(samples)
  local cli, report = require "cli", require "report"
  for _, s in ipairs(samples) do
    pretty.print(s)
    pretty.print({ url = s, sig = s, client_secret = s, Authorization = s, [s] = "as a key", list = { s } })
    log.info(s, { url = s, sig = s, [s] = "as a key" })
    log.warning("could not fetch " .. s)
  end
  local rows = {}
  for i, s in ipairs(samples) do rows[i] = { n = i, text = s, error = "failed: " .. s } end
  io.write(report.table(rows, { "n", "text", "error" }))
  -- --json: a result, an hdc.Error and a plain error as cli prints them.
  cli.json({ samples = samples, nested = { { url = samples[1], sig = samples[1] } }, [samples[1]] = "as a key" })
  local all = table.concat(samples, " ")
  pcall(cli.run, true, function()
    error(hdc.new_error{ kind = "invalidInput", message = all, advice = samples[1], details = samples })
  end)
  pcall(cli.run, true, function() error(all) end)
  io.stderr:write(cli.error_table(select(2, pcall(error, all))).message, "\n")
  log.error("an error object", { error = tostring(hdc.new_error{ kind = "notFound", message = all }) })
  -- JUnit XML and the step summary.
  local cases = {}
  for i, s in ipairs(samples) do cases[i] = { name = s, classname = s, failure = s, error = s, skipped = s, output = s } end
  local junit = assert(io.open(output_dir .. "/junit.xml", "w"))
  junit:write(report.junit(cases, { name = samples[1] }))
  junit:close()
  report.step_summary("## " .. samples[1] .. "\n\n" .. report.markdown(rows, { "n", "text", "error" }) .. "\n" .. table.concat(samples, "\n"))
  -- What a sandbox shows.
  sandbox.run([[
    local pretty, log, report = require "pretty", require "log", require "report"
    for _, s in ipairs(...) do pretty.print(s) pretty.print({ [s] = s }) log.info(s, { url = s }) end
    print(report.table({ { text = table.concat(..., " ") } }, { "text" }))
  ]], {}, samples)
  print("fed " .. #samples .. " samples")
  io.stdout:flush()
  -- An uncaught error, with its traceback.
  error("the last sample, uncaught: " .. all)
end

if not feed_only then walk_the_state() end
local samples = {}
for line in io.lines(samples_path) do samples[#samples + 1] = line end
feed(samples)
