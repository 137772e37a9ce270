#!/usr/bin/env hwsubmit
-- status.lua: where one submission stands, or every submission in flight, as a table.
local args = require "args"
local cli = require "cli"
local report = require "report"

local spec = {
  name = "status.lua",
  summary = "Show where a submission stands, or every submission in flight (committed, not yet signed or failed).",
  positionals = {
    { name = "product_id", optional = true, help = "the product (with SUBMISSION_ID: one submission)" },
    { name = "submission_id", optional = true, help = "the submission" },
  },
  options = {
    { "--all", type = "flag", help = "with no SUBMISSION_ID: show finished submissions too" },
    { "--json", type = "flag", help = "print the submissions as JSON" },
  },
  epilog = cli.exit_codes_help,
}
local opts = args.parse(spec, arg)
for _, key in ipairs({ "product_id", "submission_id" }) do
  if opts[key] and not math.tointeger(tonumber(opts[key])) then cli.usage_failure(spec, key:upper() .. " must be an ID, got " .. opts[key], opts.json) end
  opts[key] = opts[key] and math.tointeger(tonumber(opts[key]))
end

local function row(s)
  local progress = hdc.progress(s)
  return {
    product = s.productId, submission = s.id, name = s.name, commit = s.commitStatus,
    step = progress.step, state = progress.state, messages = table.concat(progress.messages, "; "),
  }
end

local submissions = cli.run(opts.json, function()
  if opts.submission_id then return { hdc.submission(opts.product_id, opts.submission_id) } end
  local products = opts.product_id and { hdc.product(opts.product_id) } or hdc.collect(hdc.products())
  local candidates = {}
  for _, product in ipairs(products) do
    for s in hdc.submissions(product.id) do
      if opts.all or hdc.progress(s).committed then candidates[#candidates + 1] = s end
    end
  end
  local full, failures = hdc.parallel(candidates, function(s) return hdc.submission(s) end, { concurrency = 8 })
  if failures then error(failures[1].error, 0) end
  local shown = {}
  for _, s in ipairs(full) do
    if opts.all or not hdc.progress(s).done then shown[#shown + 1] = s end
  end
  return shown
end)

if opts.json then
  cli.json({ submissions = hdc.json.array(submissions) })
else
  local rows = {}
  for i, s in ipairs(submissions) do rows[i] = row(s) end
  if #rows == 0 then
    print(opts.all and "no submissions" or "nothing in flight")
  else
    io.write(report.table(rows, { "product", "submission", "name", "commit", "step", "state", "messages" }))
  end
end
