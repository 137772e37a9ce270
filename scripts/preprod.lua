#!/usr/bin/env hwsubmit
-- preprod.lua: pre-production signing. Sends a driver package (or, with --package-id, follows
-- one sent earlier), waits until Microsoft signed it, and downloads the signed files.
local args = require "args"
local cli = require "cli"
local fs = require "fs"

local spec = {
  name = "preprod.lua",
  summary = "Get a driver package signed for pre-production testing: send it, wait for the signature, download the signed files.",
  positionals = { { name = "package", optional = true, help = "the driver package: a .zip or .cab, signed as for attestation" } },
  options = {
    { "--package-id", metavar = "ID", help = "follow a package sent earlier instead of sending one" },
    { "--output", metavar = "PATH", help = "where to write the signed files (default: PACKAGE-preprod-signed.zip, or preprod-ID-signed.zip)" },
    { "--no-wait", type = "flag", help = "stop once the package is sent (print its ID); do not wait or download" },
    { "--no-download", type = "flag", help = "wait until signed, download nothing" },
    { "--timeout", type = "duration", default = "6h", metavar = "DURATION", help = "how long to wait for signing" },
    { "--interval", type = "duration", default = "30s", metavar = "DURATION", help = "time between status polls at first" },
    { "--max-interval", type = "duration", default = "5m", metavar = "DURATION", help = "the longest pause between polls" },
    cli.request_timeout_option,
    { "--json", type = "flag", help = "print the result (or the failure) as one JSON object on stdout; progress goes to stderr" },
  },
  epilog = cli.exit_codes_help,
}
local opts = args.parse(spec, arg)
cli.use_request_timeout(opts.request_timeout)
if (opts.package == nil) == (opts.package_id == nil) then
  cli.usage_failure(spec, "give a PACKAGE to send, or --package-id ID to follow one sent earlier (not both)", opts.json)
end
if opts.package and (not fs.exists(opts.package) or fs.is_dir(opts.package)) then
  cli.usage_failure(spec, ("no package file at %s (a .zip or .cab)"):format(opts.package), opts.json)
end

local function say(line) io.stderr:write(line, "\n") end

local result = cli.run(opts.json, function()
  local id = opts.package_id
  if not id then
    local sent = hdc.preprod.submit(opts.package)
    id = sent.id
    say(("sent %s for pre-production signing: package %s"):format(opts.package, id))
    if opts.no_wait then return { package_id = id, signing_status = sent.signingStatus } end
  end
  -- Each change of the signing status is logged (info): hwsubmit --quiet hides them.
  local signed = hdc.preprod.wait(id, { timeout = opts.timeout, interval = opts.interval, max_interval = opts.max_interval })
  local out = { package_id = id, signing_status = signed.signingStatus }
  if opts.no_download then return out end
  local assets = hdc.preprod.assets(id)
  local asset
  for _, a in ipairs(assets) do
    if tostring(a.assetType):lower() == "signedfileszip" then asset = a end
  end
  asset = asset or assets[1]
  if not asset then
    error(hdc.new_error{ kind = "notFound", message = ("pre-production package %s is signed but lists no assets"):format(id),
      advice = "Run again with --package-id " .. id .. " in a few minutes; the signed files may not be listed yet." }, 0)
  end
  local target = opts.output
    or (opts.package and (opts.package:gsub("%.[%w]+$", "") .. "-preprod-signed.zip"))
    or ("preprod-" .. id .. "-signed.zip")
  local got = hdc.preprod.download(asset, target)
  out.asset_id, out.asset_type, out.content_hash = asset.id, asset.assetType, asset.contentHash
  out.signed_package, out.bytes = fs.absolute(got.path), got.bytes
  return out
end)

if opts.json then
  cli.json(result)
else
  print(("package     %s  (%s)"):format(result.package_id, tostring(result.signing_status)))
  if result.signed_package then print(("signed      %s (%d bytes)"):format(result.signed_package, result.bytes)) end
end
