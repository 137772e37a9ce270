#!/usr/bin/env hwsubmit
-- bulk-submit.lua: every package in a folder (each .zip or .cab file and each sub-folder)
-- submitted side by side, each through the whole flow, then a summary table (and JUnit XML,
-- and the GitHub Actions step summary when there is one). With --dry-run, each package is
-- checked and the requests it would send are printed; nothing is sent or written.
local args = require "args"
local cli = require "cli"
local fs = require "fs"
local log = require "log"
local report = require "report"
local workflow = require "workflow"

local spec = {
  name = "bulk-submit.lua",
  summary = "Submit every package in a folder concurrently and report how each went.",
  positionals = { { name = "folder", help = "holds the packages: .zip and .cab files, and folders" } },
  options = {
    cli.request_timeout_option,
    { "--concurrency", type = "integer", default = 8, metavar = "N", help = "packages in flight at once" },
    { "--output-dir", metavar = "DIR", default = "signed", help = "where the signed packages go" },
    { "--journal-dir", metavar = "DIR", help = "one journal per package here, so a rerun resumes each" },
    { "--signature", many = true, metavar = "CODE", help = "OS codes to sign for (default: from each INF)" },
    { "--junit", metavar = "PATH", help = "also write the results as JUnit XML" },
    { "--checksum", metavar = "KIND", choices = { "crc64", "md5" }, default = "crc64",
      help = "what every uploaded block carries for the service to check: crc64 or md5" },
    { "--file-md5", type = "flag", help = "also record the package's MD5 as the blob's Content-MD5 (costs a pass of MD5)" },
    { "--timeout", type = "duration", default = "6h", metavar = "DURATION", help = "how long to wait for each signing" },
    { "--interval", type = "duration", default = "30s", metavar = "DURATION", help = "time between status polls at first" },
    { "--max-interval", type = "duration", default = "5m", metavar = "DURATION", help = "the longest pause between polls" },
    { "--dry-run", type = "flag", help = "check every package and print the requests each would send, prefixed with its name; send none, write nothing" },
    { "--json", type = "flag", help = "print the results as JSON (a dry run's requests in each package's \"requests\"; the lines go to stderr)" },
  },
  epilog = cli.exit_codes_help .. "\nWhen some packages fail, the status is that of the first failure.",
}
local opts = args.parse(spec, arg)
cli.use_request_timeout(opts.request_timeout)
if not fs.is_dir(opts.folder) then cli.usage_failure(spec, "no folder at " .. opts.folder, opts.json) end

local packages = {}
for _, name in ipairs(fs.list(opts.folder)) do
  local path = fs.join(opts.folder, name)
  local lower = name:lower()
  if name:sub(1, 1) ~= "." and (fs.is_dir(path) or lower:match("%.zip$") or lower:match("%.cab$")) then
    packages[#packages + 1] = path
  end
end
if #packages == 0 then cli.usage_failure(spec, opts.folder .. " holds no package (.zip, .cab or folder)", opts.json) end

-- A dry run's request lines: on stdout, or on stderr when stdout carries the JSON.
local function say(line)
  if opts.json then cli.stderr_line(line) else print(line) end
end

local done_word = opts.dry_run and "checked" or "signed"
local started = hdc.now()
local results, failures = hdc.parallel(packages, function(path)
  local base = fs.basename(path):gsub("%.%w+$", "")
  local t0 = hdc.now()
  local result = workflow.submit{
    package = path,
    product = { requestedSignatures = #opts.signature > 0 and opts.signature or nil },
    download = fs.join(opts.output_dir, base .. "-signed.zip"),
    journal = opts.journal_dir and fs.join(opts.journal_dir, base .. ".journal.json"),
    timeout = opts.timeout, interval = opts.interval, max_interval = math.max(opts.max_interval, opts.interval),
    dry_run = opts.dry_run, checksum = opts.checksum, file_md5 = opts.file_md5 or nil,
    on_request = opts.dry_run and function(line) say(base .. ": " .. line) end or nil,
  }
  result.seconds = hdc.now() - t0
  if not opts.dry_run then log.info("signed", { package = base, submission = result.submission_id }) end
  return result
end, { concurrency = opts.concurrency })

local rows, cases, first_failure = {}, {}, nil
local failed_at = {}
for _, f in ipairs(failures or {}) do failed_at[f.index] = f.error end
for i, path in ipairs(packages) do
  local r, err = results[i], failed_at[i]
  if err then first_failure = first_failure or err end
  rows[i] = {
    package = fs.basename(path), result = err and "failed" or (opts.dry_run and "would submit" or "signed"),
    requests = r and r.requests and #r.requests,
    product = r and r.product_id, submission = r and r.submission_id,
    signed = r and r.signed_package, error = err and (hdc.is_error(err) and err.message or tostring(err)),
    seconds = r and ("%.1f"):format(r.seconds),
  }
  cases[i] = { name = fs.basename(path), classname = "bulk-submit", time = r and r.seconds or 0, failure = rows[i].error }
end

-- A dry run writes nothing: no JUnit file, no step summary.
if opts.junit and not opts.dry_run then fs.write(opts.junit, report.junit(cases, { name = "bulk-submit" })) end
local columns = opts.dry_run and { "package", "result", "requests", "error" }
  or { "package", "result", "product", "submission", "seconds", "error" }
if not opts.dry_run then
  report.step_summary(("## Driver submissions\n\n%d of %d signed in %.0f s\n\n"):format(#packages - #(failures or {}), #packages, hdc.now() - started)
    .. report.markdown(rows, columns))
end
if opts.json then
  local list = {}
  for i, row in ipairs(rows) do
    list[i] = { package = packages[i], result = row.result, product_id = row.product, submission_id = row.submission,
      signed_package = row.signed, requests = results[i] and results[i].requests,
      error = failed_at[i] and cli.error_table(failed_at[i]) }
  end
  cli.json({ ok = first_failure == nil, dry_run = opts.dry_run or nil, [done_word] = #packages - #(failures or {}),
    failed = #(failures or {}), packages = list })
else
  io.write(report.table(rows, columns))
  print(("%d of %d %s"):format(#packages - #(failures or {}), #packages, done_word))
  if opts.dry_run then print("dry run: nothing was sent or written") end
end
if first_failure then
  io.stderr:flush()
  error(first_failure, 0)
end
