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

local function finished(s)
  local status = tostring(s.commitStatus or ""):lower()
  local wf = s.workflowStatus ~= hdc.null and s.workflowStatus or {}
  if status == "commitfailed" or wf.state == "failed" then return true end
  for _, item in ipairs((s.downloads ~= hdc.null and s.downloads or {}).items or {}) do
    if item.type == "signedPackage" then return true end
  end
  return wf.currentStep == "finalizeIngestion" and wf.state == "completed"
end

local function row(s)
  local wf = s.workflowStatus ~= hdc.null and s.workflowStatus or {}
  return {
    product = s.productId, submission = s.id, name = s.name, commit = s.commitStatus,
    step = wf.currentStep, state = wf.state, messages = table.concat(wf.messages or {}, "; "),
  }
end

local submissions = cli.run(opts.json, function()
  if opts.submission_id then return { hdc.submission(opts.product_id, opts.submission_id) } end
  local products = opts.product_id and { hdc.product(opts.product_id) } or hdc.collect(hdc.products())
  local candidates = {}
  for _, product in ipairs(products) do
    for s in hdc.submissions(product.id) do
      local status = tostring(s.commitStatus or ""):lower()
      if opts.all or status ~= "commitpending" then candidates[#candidates + 1] = s end
    end
  end
  local full, failures = hdc.parallel(candidates, function(s) return hdc.submission(s) end, { concurrency = 8 })
  if failures then error(failures[1].error, 0) end
  local shown = {}
  for _, s in ipairs(full) do
    if opts.all or not finished(s) then shown[#shown + 1] = s end
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
