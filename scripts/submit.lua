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
    cli.request_timeout_option,
    { "--product-id", type = "integer", metavar = "ID", help = "submit to this existing product instead of creating one" },
    { "--product-name", metavar = "NAME", help = "the new product's name (default: the submission's name)" },
    { "--signature", many = true, metavar = "CODE", help = "an OS code to sign for, such as WINDOWS_v100_X64_RS5_FULL (default: from the INF)" },
    { "--device-type", metavar = "TYPE", choices = { "internal", "external", "internalExternal", "notSet" }, default = "external",
      help = "internal, external, internalExternal or notSet" },
    { "--test-harness", metavar = "HARNESS", choices = { "Attestation", "HLK" }, default = "Attestation", help = "Attestation or HLK" },
    { "--marketing-name", many = true, metavar = "NAME", help = "a marketing name of the product" },
    { "--announcement-date", metavar = "DATE", help = "the product's announcement date (2026-12-01T00:00:00Z)" },
    { "--firmware-version", metavar = "VERSION", help = "the product's firmware version" },
    { "--test-sign", type = "flag", help = "ask for test signing" },
    { "--flight-sign", type = "flag", help = "ask for flight signing (isFlightSign)" },
    { "--extension-inf", type = "flag", help = "the package is an extension INF (isExtensionInf)" },
    { "--product-type", many = true, metavar = "KEY=VALUE", help = "a selected product type, such as windows_v100_RS5=Unclassified (selectedProductTypes)" },
    { "--device-metadata-id", many = true, metavar = "ID", help = "a device metadata ID of the product (deviceMetadataIds)" },
    { "--attribute", metavar = "ATTRIBUTE", choices = { "storageController", "raidController", "svvp" },
      help = "the product's additional attribute (additionalAttributes): storageController, raidController or svvp" },
    { "--name", metavar = "NAME", help = "the submission's name (default: package name and DriverVer)" },
    { "--type", choices = { "initial", "derived" }, default = "initial", help = "initial or derived" },
    { "-o", "--output", metavar = "PATH", help = "where the signed package goes (default: NAME-signed.zip here)" },
    { "--checksum", metavar = "KIND", choices = { "crc64", "md5" }, default = "crc64",
      help = "what every uploaded block carries for the service to check: crc64 or md5" },
    { "--file-md5", type = "flag", help = "also record the package's MD5 as the blob's Content-MD5 (costs a pass of MD5)" },
    { "--no-download", type = "flag", help = "stop once signed; download nothing" },
    { "--no-wait", type = "flag", help = "stop once committed; do not wait for signing" },
    { "--journal", metavar = "PATH", help = "record progress here; run again with the same journal to resume" },
    { "--timeout", type = "duration", default = "6h", metavar = "DURATION", help = "how long to wait for signing" },
    { "--interval", type = "duration", default = "30s", metavar = "DURATION", help = "time between status polls at first" },
    { "--max-interval", type = "duration", default = "5m", metavar = "DURATION", help = "the longest pause between polls" },
    { "--dry-run", type = "flag", help = "check the inputs and print every request it would send; send none, write nothing" },
    { "--json", type = "flag", help = "print the result (or the failure) as one JSON object on stdout (a dry run's requests in its \"requests\"; the lines go to stderr)" },
  },
  epilog = cli.exit_codes_help,
}

local opts = args.parse(spec, arg)
cli.use_request_timeout(opts.request_timeout)
if not fs.exists(opts.package) then cli.usage_failure(spec, ("no package at %s"):format(opts.package), opts.json) end

-- `--product-type KEY=VALUE` options as the selectedProductTypes object.
local product_types
for _, pair in ipairs(opts.product_type) do
  local key, value = pair:match("^([^=]+)=(.+)$")
  if not key then cli.usage_failure(spec, ("--product-type expects KEY=VALUE (windows_v100_RS5=Unclassified), got '%s'"):format(pair), opts.json) end
  product_types = product_types or {}
  if product_types[key] then cli.usage_failure(spec, ("--product-type gives %s twice"):format(key), opts.json) end
  product_types[key] = value
end
for _, id in ipairs(opts.device_metadata_id) do
  if id == "" then cli.usage_failure(spec, "--device-metadata-id needs an ID, got an empty one", opts.json) end
end

local product
if opts.product_id then
  -- The product exists: options that describe a new one would silently do nothing.
  for _, o in ipairs({ { "--product-name", opts.product_name }, { "--signature", #opts.signature > 0 }, { "--marketing-name", #opts.marketing_name > 0 },
    { "--announcement-date", opts.announcement_date }, { "--firmware-version", opts.firmware_version }, { "--test-sign", opts.test_sign },
    { "--flight-sign", opts.flight_sign }, { "--extension-inf", opts.extension_inf }, { "--product-type", product_types },
    { "--device-metadata-id", #opts.device_metadata_id > 0 }, { "--attribute", opts.attribute } }) do
    if o[2] then cli.usage_failure(spec, ("%s describes a new product; it cannot be used with --product-id"):format(o[1]), opts.json) end
  end
else
  product = {
    productName = opts.product_name, requestedSignatures = #opts.signature > 0 and opts.signature or nil,
    deviceType = opts.device_type, testHarness = opts.test_harness,
    marketingNames = #opts.marketing_name > 0 and opts.marketing_name or nil,
    announcementDate = opts.announcement_date, firmwareVersion = opts.firmware_version,
    isTestSign = opts.test_sign or nil, isFlightSign = opts.flight_sign or nil, isExtensionInf = opts.extension_inf or nil,
    selectedProductTypes = product_types,
    deviceMetadataIds = #opts.device_metadata_id > 0 and opts.device_metadata_id or nil,
    additionalAttributes = opts.attribute and { [opts.attribute] = true } or nil,
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
    checksum = opts.checksum, file_md5 = opts.file_md5 or nil,
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
