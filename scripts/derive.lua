#!/usr/bin/env hwsubmit
-- derive.lua: a derived submission of an existing product (a product that already has its
-- initial submission), through the whole flow: upload, commit, wait, download.
local args = require "args"
local cli = require "cli"
local fs = require "fs"
local workflow = require "workflow"

local spec = {
  name = "derive.lua",
  summary = "Create a derived submission of an existing product with a package, and download it signed.",
  positionals = {
    { name = "product_id", help = "the product (it must have an initial submission)" },
    { name = "package", help = "the driver package: a .zip or .cab file, or a folder" },
  },
  options = {
    cli.request_timeout_option,
    { "--name", metavar = "NAME", help = "the submission's name (default: package name and DriverVer)" },
    { "-o", "--output", metavar = "PATH", help = "where the signed package goes (default: NAME-signed.zip here)" },
    { "--checksum", metavar = "KIND", choices = { "crc64", "md5" }, default = "crc64",
      help = "what every uploaded block carries for the service to check: crc64 or md5" },
    { "--file-md5", type = "flag", help = "also record the package's MD5 as the blob's Content-MD5 (costs a pass of MD5)" },
    { "--no-wait", type = "flag", help = "stop once committed" },
    { "--journal", metavar = "PATH", help = "record progress here; run again with the same journal to resume" },
    { "--timeout", type = "duration", default = "6h", metavar = "DURATION", help = "how long to wait for signing" },
    { "--interval", type = "duration", default = "30s", metavar = "DURATION", help = "time between status polls at first" },
    { "--max-interval", type = "duration", default = "5m", metavar = "DURATION", help = "the longest pause between polls" },
    { "--dry-run", type = "flag", help = "print every request it would send; send none, write nothing" },
    { "--json", type = "flag", help = "print the result as one JSON object on stdout (a dry run's requests in its \"requests\"; the lines go to stderr)" },
  },
  epilog = cli.exit_codes_help,
}
local opts = args.parse(spec, arg)
cli.use_request_timeout(opts.request_timeout)
local product_id = math.tointeger(tonumber(opts.product_id))
if not product_id then cli.usage_failure(spec, "PRODUCT_ID must be an ID, got " .. opts.product_id, opts.json) end
if not fs.exists(opts.package) then cli.usage_failure(spec, "no package at " .. opts.package, opts.json) end

local result = cli.run(opts.json, workflow.submit, {
  package = opts.package, product_id = product_id, type = "derived", name = opts.name, wait = not opts.no_wait,
  download = not opts.no_wait and (opts.output or (fs.basename(opts.package):gsub("%.%w+$", "") .. "-signed.zip")) or nil,
  journal = opts.journal, dry_run = opts.dry_run, on_request = opts.json and cli.stderr_line or nil,
  timeout = opts.timeout, interval = opts.interval, max_interval = math.max(opts.max_interval, opts.interval),
  checksum = opts.checksum, file_md5 = opts.file_md5 or nil,
})

if opts.json then
  cli.json(result)
elseif not opts.dry_run then
  print(("derived submission %d of product %d: %s"):format(result.submission_id, result.product_id, result.status))
  if result.signed_package then print("signed package: " .. result.signed_package) end
end
