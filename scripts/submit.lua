#!/usr/bin/env hwsubmit
-- submit.lua: a driver package (a .zip or .cab file, or a folder) to a signed package on disk.
-- Creates the product (or reuses --product-id), creates the submission, uploads, commits,
-- waits for signing and downloads the signed package. With --journal it is resumable: run the
-- same command again after a crash or Ctrl-C and it goes on where it stopped.
local args = require "args"
local fs = require "fs"
local workflow = require "workflow"
local cli = require "cli"

local spec = {
  name = "submit.lua",
  summary = "Submit a driver package to the Hardware Dev Center and download it signed.",
  positionals = { { name = "package", help = "the driver package: a .zip or .cab file, or a folder (zipped for you)" } },
  options = {
    { "--product-id", type = "integer", metavar = "ID", help = "submit to this existing product instead of creating one" },
    { "--product-name", metavar = "NAME", help = "the new product's name (default: the submission's name)" },
    { "--signature", many = true, metavar = "CODE", help = "an OS code to sign for, such as WINDOWS_v100_X64_RS5_FULL (default: from the INF)" },
    { "--device-type", metavar = "TYPE", choices = { "internal", "external", "internalExternal" }, default = "external", help = "internal, external or internalExternal" },
    { "--test-harness", metavar = "HARNESS", choices = { "Attestation", "HLK" }, default = "Attestation", help = "Attestation or HLK" },
    { "--marketing-name", many = true, metavar = "NAME", help = "a marketing name of the product" },
    { "--announcement-date", metavar = "DATE", help = "the product's announcement date (2026-12-01T00:00:00Z)" },
    { "--firmware-version", metavar = "VERSION", help = "the product's firmware version" },
    { "--test-sign", type = "flag", help = "ask for test signing" },
    { "--name", metavar = "NAME", help = "the submission's name (default: package name and DriverVer)" },
    { "--type", choices = { "initial", "derived" }, default = "initial", help = "initial or derived" },
    { "-o", "--output", metavar = "PATH", help = "where the signed package goes (default: NAME-signed.zip here)" },
    { "--no-download", type = "flag", help = "stop once signed; download nothing" },
    { "--no-wait", type = "flag", help = "stop once committed; do not wait for signing" },
    { "--journal", metavar = "PATH", help = "record progress here; run again with the same journal to resume" },
    { "--timeout", type = "number", default = 21600, metavar = "SECONDS", help = "how long to wait for signing" },
    { "--interval", type = "number", default = 30, metavar = "SECONDS", help = "seconds between status polls at first" },
    { "--max-interval", type = "number", default = 300, metavar = "SECONDS", help = "the longest pause between polls" },
    { "--dry-run", type = "flag", help = "check the inputs and print every request it would send; send none, write nothing" },
    { "--json", type = "flag", help = "print the result (or the failure) as one JSON object on stdout (a dry run's requests in its \"requests\"; the lines go to stderr)" },
  },
  epilog = cli.exit_codes_help,
}

local opts = args.parse(spec, arg)
if not fs.exists(opts.package) then cli.usage_failure(spec, ("no package at %s"):format(opts.package)) end

local product
if not opts.product_id then
  product = {
    productName = opts.product_name, requestedSignatures = #opts.signature > 0 and opts.signature or nil,
    deviceType = opts.device_type, testHarness = opts.test_harness,
    marketingNames = #opts.marketing_name > 0 and opts.marketing_name or nil,
    announcementDate = opts.announcement_date, firmwareVersion = opts.firmware_version,
    isTestSign = opts.test_sign or nil,
  }
end

local download
if not opts.no_download and not opts.no_wait then
  download = opts.output or (fs.basename(opts.package):gsub("%.%w+$", "") .. "-signed.zip")
end

local result = cli.run(opts.json, function()
  return workflow.submit{
    package = opts.package, product = product, product_id = opts.product_id, name = opts.name, type = opts.type,
    wait = not opts.no_wait, download = download, journal = opts.journal, dry_run = opts.dry_run,
    on_request = opts.json and cli.stderr_line or nil,
    timeout = opts.timeout, interval = opts.interval, max_interval = math.max(opts.max_interval, opts.interval),
  }
end)

if opts.json then
  cli.json(result)
elseif opts.dry_run then
  print(("dry run: nothing was sent; %s would become %s"):format(opts.package, download or "a committed submission"))
else
  print(("product     %d"):format(result.product_id))
  print(("submission  %d  (%s)"):format(result.submission_id, result.name))
  if result.resumed then print(("resumed     from %s"):format(result.journal)) end
  if result.signed_package then
    print(("signed      %s (%d bytes)"):format(result.signed_package, fs.size(result.signed_package) or 0))
    for _, entry in ipairs(result.contents or {}) do
      print(("  %-40s %10d bytes"):format(entry.path, entry.size))
    end
  else
    print(("status      %s"):format(result.status))
  end
end
