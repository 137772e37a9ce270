#!/usr/bin/env hwsubmit
-- download.lua: a submission's signed package, certification report or driver metadata.
local args = require "args"
local cli = require "cli"
local fs = require "fs"
local retry = require "retry"

local kinds = { "signedPackage", "certificationReport", "driverMetadata", "derivedPackage", "initialPackage" }
local spec = {
  name = "download.lua",
  summary = "Download what the service made of a submission: the signed package (default) or the driver metadata. "
    .. "The certification report is a page of the dashboard: asked for, its URL is reported (exit 3), to open in a browser signed in to Partner Center.",
  positionals = {
    { name = "product_id", help = "the product" },
    { name = "submission_id", help = "the submission" },
  },
  options = {
    { "--kind", many = true, choices = kinds, metavar = "KIND", help = "what to download: " .. table.concat(kinds, ", ") },
    { "-o", "--output", metavar = "PATH", help = "the file (with one --kind)" },
    { "--dir", metavar = "DIR", default = ".", help = "where files go otherwise, named SUBMISSION-KIND" },
    { "--request-metadata", type = "flag", help = "ask the service for driver metadata when it has none yet, and wait for it" },
    { "--timeout", type = "number", default = 3600, metavar = "SECONDS", help = "how long --request-metadata waits" },
    { "--interval", type = "number", default = 10, metavar = "SECONDS", help = "seconds between polls while --request-metadata waits" },
    { "--json", type = "flag", help = "print what was downloaded as JSON" },
  },
  epilog = cli.exit_codes_help,
}
local opts = args.parse(spec, arg)
local product_id, submission_id = math.tointeger(tonumber(opts.product_id)), math.tointeger(tonumber(opts.submission_id))
if not product_id or not submission_id then cli.usage_failure(spec, "PRODUCT_ID and SUBMISSION_ID are IDs (digits)", opts.json) end
if #opts.kind == 0 then opts.kind = { "signedPackage" } end
if opts.output and #opts.kind > 1 then cli.usage_failure(spec, "--output names one file; use --dir with several --kind", opts.json) end

-- The service names a download in downloads.items or (driver metadata) in links: hdc.download_url looks in both.
local function item(submission, kind) return hdc.download_url(submission, kind) end

local function missing(kind, submission)
  return hdc.new_error{
    kind = "notFound", code = "downloadNotAvailable",
    message = ("submission %d has no %s download (commit status %s)"):format(submission_id, kind, tostring(submission.commitStatus)),
    advice = kind == "driverMetadata" and "Run again with --request-metadata to ask for it; it can take hours."
      or "Wait until the submission is signed (status.lua shows where it stands), then run again.",
  }
end

local files = cli.run(opts.json, function()
  local submission = hdc.submission(product_id, submission_id)
  local written = {}
  for _, kind in ipairs(opts.kind) do
    if not item(submission, kind) then
      if kind ~= "driverMetadata" or not opts.request_metadata then error(missing(kind, submission), 0) end
      hdc.request_metadata(submission)
      submission = retry.poll(function()
        local fresh = hdc.submission(product_id, submission_id)
        return item(fresh, kind) and fresh
      end, { timeout = opts.timeout, interval = opts.interval, what = "the driver metadata of submission " .. submission_id })
    end
    local extension = kind == "driverMetadata" and ".json" or (kind == "certificationReport" and ".txt" or ".zip")
    local path = opts.output or fs.join(opts.dir, ("%d-%s%s"):format(submission_id, kind, extension))
    fs.mkdir(fs.dirname(path))
    hdc.download(submission, kind, path)
    written[#written + 1] = { kind = kind, path = fs.absolute(path), bytes = fs.size(path) }
  end
  return written
end)

if opts.json then
  cli.json({ product_id = product_id, submission_id = submission_id, files = files })
else
  for _, f in ipairs(files) do print(("%-20s %s (%d bytes)"):format(f.kind, f.path, f.bytes or 0)) end
end
