#!/usr/bin/env hwsubmit
-- list.lua: the account's products, or one product's submissions, with filters.
local args = require "args"
local cli = require "cli"
local report = require "report"

local spec = {
  name = "list.lua",
  summary = "List products, or the submissions of a product.",
  positionals = {
    { name = "what", help = "products or submissions" },
    { name = "product_id", optional = true, help = "for submissions: the product" },
  },
  options = {
    cli.request_timeout_option,
    { "--name", metavar = "TEXT", help = "only those whose name contains TEXT (ignoring case)" },
    { "--commit-status", metavar = "STATUS", help = "submissions: only those with this commit status (commitComplete, …)" },
    { "--type", choices = { "initial", "derived" }, help = "submissions: only initial or derived ones" },
    { "--limit", type = "integer", metavar = "N", help = "at most N" },
    { "--json", type = "flag", help = "print them as JSON" },
  },
  epilog = cli.exit_codes_help,
}
local opts = args.parse(spec, arg)
cli.use_request_timeout(opts.request_timeout)
if opts.what ~= "products" and opts.what ~= "submissions" then
  cli.usage_failure(spec, "WHAT is products or submissions, not " .. opts.what, opts.json)
end
local product_id = opts.product_id and math.tointeger(tonumber(opts.product_id))
if opts.what == "submissions" and not product_id then cli.usage_failure(spec, "submissions needs a PRODUCT_ID", opts.json) end

local function matches(item, name)
  if opts.name and not tostring(name or ""):lower():find(opts.name:lower(), 1, true) then return false end
  if opts.commit_status and tostring(item.commitStatus or ""):lower() ~= opts.commit_status:lower() then return false end
  if opts.type and item.type ~= opts.type then return false end
  return true
end

local items = cli.run(opts.json, function()
  local found = {}
  local iterator = opts.what == "products" and hdc.products() or hdc.submissions(product_id)
  for item in iterator do
    if matches(item, item.productName or item.name) then found[#found + 1] = item end
    if opts.limit and #found >= opts.limit then break end
  end
  return found
end)

if opts.json then
  cli.json({ [opts.what] = hdc.json.array(items) })
elseif #items == 0 then
  print("no " .. opts.what)
elseif opts.what == "products" then
  local rows = {}
  for i, p in ipairs(items) do
    rows[i] = { id = p.id, name = p.productName, committed = p.isCommitted, signatures = table.concat(p.requestedSignatures or {}, ",") }
  end
  io.write(report.table(rows, { "id", "name", "committed", "signatures" }))
else
  local rows = {}
  for i, s in ipairs(items) do rows[i] = { id = s.id, name = s.name, type = s.type, commit = s.commitStatus } end
  io.write(report.table(rows, { "id", "name", "type", "commit" }))
end
