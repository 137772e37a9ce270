#!/usr/bin/env hwsubmit
-- partner.lua: submissions partners shared with this account. Lists them, or finds the one a
-- partner's (publisher, product, submission) IDs name, asks for its driver metadata and waits
-- for it (hours), resumably with --journal, and downloads it.
local args = require "args"
local cli = require "cli"
local fs = require "fs"

local spec = {
  name = "partner.lua",
  summary = "Find a submission a partner shared with this account, ask for its driver metadata and wait for it; or list shared submissions.",
  positionals = {
    { name = "publisher_id", optional = true, help = "the partner's publisher (seller) ID" },
    { name = "product_id", optional = true, help = "the product's ID in the partner's account" },
    { name = "submission_id", optional = true, help = "the submission's ID in the partner's account" },
  },
  options = {
    { "--list", type = "flag", help = "list the submissions shared with this account (no IDs needed)" },
    { "--wait-metadata", type = "flag", help = "ask for the submission's driver metadata (createpublishermetadata) and wait until it is there" },
    { "--download", metavar = "PATH", help = "with --wait-metadata: write the driver metadata JSON here" },
    { "--journal", metavar = "PATH", help = "record progress here; run again with the same journal to go on waiting without asking again" },
    { "--timeout", type = "duration", default = "8h", metavar = "DURATION", help = "how long to wait for the driver metadata (it takes hours)" },
    { "--interval", type = "duration", default = "5m", metavar = "DURATION", help = "time between polls at first" },
    { "--max-interval", type = "duration", default = "30m", metavar = "DURATION", help = "the longest pause between polls" },
    cli.request_timeout_option,
    { "--json", type = "flag", help = "print the result (or the failure) as one JSON object on stdout; progress goes to stderr" },
  },
  epilog = cli.exit_codes_help,
}
local opts = args.parse(spec, arg)
cli.use_request_timeout(opts.request_timeout)

local ids = {}
for _, key in ipairs({ "publisher_id", "product_id", "submission_id" }) do
  if opts[key] then
    ids[key] = math.tointeger(tonumber(opts[key]))
    if not ids[key] or not opts[key]:match("^%d+$") then cli.usage_failure(spec, key:upper() .. " is an ID (digits)", opts.json) end
  end
end
if opts.list then
  if opts.publisher_id then cli.usage_failure(spec, "--list takes no IDs", opts.json) end
elseif not ids.submission_id then
  cli.usage_failure(spec, "give PUBLISHER_ID PRODUCT_ID SUBMISSION_ID (the partner's), or --list", opts.json)
end
if opts.download and not opts.wait_metadata then cli.usage_failure(spec, "--download goes with --wait-metadata", opts.json) end

local function say(line) io.stderr:write(line, "\n") end

-- The journal: what the partner's IDs translate to and whether the metadata was asked for.
local function load_journal()
  if not opts.journal or not fs.exists(opts.journal) then return { version = 1 } end
  local ok, data = pcall(hdc.json.decode, fs.read(opts.journal))
  if not ok or type(data) ~= "table" or data.version ~= 1 then
    cli.usage_failure(spec, ("the journal %s cannot be read; remove it to start afresh"):format(opts.journal), opts.json)
  end
  if data.publisher_id ~= ids.publisher_id or data.source_product_id ~= ids.product_id or data.source_submission_id ~= ids.submission_id then
    cli.usage_failure(spec, ("the journal %s is for another partner submission; give another --journal"):format(opts.journal), opts.json)
  end
  return data
end

local function save(data)
  if opts.journal then fs.write(opts.journal, hdc.json.encode(data, { pretty = true }) .. "\n") end
end

local result = cli.run(opts.json, function()
  if opts.list then
    local rows = {}
    for _, s in ipairs(hdc.shared_submissions()) do
      rows[#rows + 1] = { product_id = s.productId, submission_id = s.id, name = s.name, commit_status = s.commitStatus }
    end
    return { submissions = hdc.json.array(rows) }
  end
  local data = load_journal()
  if not data.submission_id then
    local shared = hdc.partner_submission(ids.publisher_id, ids.product_id, ids.submission_id)
    data = { version = 1, publisher_id = ids.publisher_id, source_product_id = ids.product_id,
      source_submission_id = ids.submission_id, product_id = shared.productId, submission_id = shared.id, name = shared.name }
    save(data)
  else
    say(("resuming from %s: submission %d of product %d"):format(opts.journal, data.submission_id, data.product_id))
  end
  local out = { product_id = data.product_id, submission_id = data.submission_id, name = data.name }
  if not opts.wait_metadata then return out end
  local ask = not data.metadata_requested_at
  if ask then
    data.metadata_requested_at = os.date("!%Y-%m-%dT%H:%M:%SZ")
    save(data)
  end
  -- Each change is logged (info): hwsubmit --quiet hides them.
  local submission = hdc.wait_metadata(data.product_id, data.submission_id, {
    request = ask, timeout = opts.timeout, interval = opts.interval, max_interval = opts.max_interval })
  out.metadata_requested_at = data.metadata_requested_at
  out.driver_metadata = true
  if opts.download then
    local got = hdc.download(submission, "driverMetadata", opts.download)
    out.downloaded = fs.absolute(got.path)
  end
  data.driver_metadata = true
  save(data)
  return out
end)

if opts.json then
  cli.json(result)
elseif opts.list then
  print(("%-18s  %-20s  %-16s  %s"):format("product", "submission", "commit", "name"))
  for _, row in ipairs(result.submissions) do
    print(("%-18d  %-20d  %-16s  %s"):format(row.product_id, row.submission_id, tostring(row.commit_status), tostring(row.name)))
  end
else
  print(("product     %d"):format(result.product_id))
  print(("submission  %d  (%s)"):format(result.submission_id, tostring(result.name)))
  if result.driver_metadata then print("metadata    " .. (result.downloaded or "ready (hdc.download(submission, \"driverMetadata\", path))")) end
end
