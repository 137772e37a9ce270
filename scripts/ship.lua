#!/usr/bin/env hwsubmit
-- ship.lua: a shipping label for a signed submission, with the hardware IDs taken from the
-- submission's driver metadata (asked for when it has none yet), optionally waited on.
local args = require "args"
local cli = require "cli"
local fs = require "fs"
local retry = require "retry"

local spec = {
  name = "ship.lua",
  summary = "Create a shipping label for a signed submission from its driver metadata, and optionally wait until it is published or approved.",
  positionals = {
    { name = "product_id", help = "the product" },
    { name = "submission_id", help = "the signed submission" },
  },
  options = {
    { "--name", metavar = "NAME", help = "the label's name (default: the submission's name and destination)" },
    { "--hardware-id", many = true, metavar = "PATTERN", help = "hardware IDs to target; * matches anything, case is ignored (default: all)" },
    { "--os", many = true, metavar = "CODE", help = "only these operating system codes (default: all in the metadata)" },
    { "--destination", choices = { "windowsUpdate", "anotherPartner" }, default = "windowsUpdate", help = "windowsUpdate or anotherPartner" },
    { "--audience", many = true, metavar = "ID", help = "restrict to this audience (see hdc.audiences())" },
    { "--floor", metavar = "RELEASE", help = "in-service floor, such as RS5" },
    { "--ceiling", metavar = "RELEASE", help = "in-service ceiling, such as GE" },
    { "--go-live", metavar = "DATE", help = "the go-live date (default: none, so the label publishes as soon as it can)" },
    { "--auto-install", type = "flag", help = "install automatically on applicable systems" },
    { "--justification", metavar = "TEXT", help = "why Microsoft should approve it (Windows Update)" },
    { "--wait", type = "flag", help = "wait until the label is published (or shared) or fails" },
    { "--until", choices = { "published", "approval" }, default = "published", metavar = "MILESTONE",
      help = "with --wait: published (the default), or approval (Microsoft approved a Windows Update label; publishing can take weeks after)" },
    { "--timeout", type = "number", default = 21600, metavar = "SECONDS", help = "how long to wait for metadata and publishing" },
    { "--interval", type = "number", default = 30, metavar = "SECONDS", help = "seconds between polls at first" },
    { "--dry-run", type = "flag", help = "print the label it would create; create nothing" },
    { "--json", type = "flag", help = "print the label as one JSON object on stdout (a dry run's request in its \"requests\"; the lines go to stderr)" },
  },
  epilog = cli.exit_codes_help,
}
local opts = args.parse(spec, arg)
local product_id, submission_id = math.tointeger(tonumber(opts.product_id)), math.tointeger(tonumber(opts.submission_id))
if not product_id or not submission_id then cli.usage_failure(spec, "PRODUCT_ID and SUBMISSION_ID are IDs (digits)", opts.json) end

local function glob(pattern)
  local escaped = pattern:lower():gsub("[%^%$%(%)%%%.%[%]%+%-%?]", "%%%0"):gsub("%*", ".*")
  return "^" .. escaped .. "$"
end

local function selected(pnp, os_code)
  if #opts.os > 0 then
    local ok = false
    for _, code in ipairs(opts.os) do if code:lower() == os_code:lower() then ok = true end end
    if not ok then return false end
  end
  if #opts.hardware_id == 0 then return true end
  for _, pattern in ipairs(opts.hardware_id) do
    if pnp:lower():find(glob(pattern)) then return true end
  end
  return false
end

-- The service names the driver metadata in downloads.items or in links: hdc.download_url looks in both.
local function metadata_url(submission) return hdc.download_url(submission, "driverMetadata") end

-- A dry run's lines: on stdout, or on stderr under --json (stdout holds one JSON document).
local say = opts.json and cli.stderr_line or print

local label = cli.run(opts.json, function()
  local submission = hdc.submission(product_id, submission_id)
  if not metadata_url(submission) then
    if opts.dry_run then
      say(("dry run: POST /products/%d/submissions/%d/createpublishermetadata"):format(product_id, submission_id))
      error(hdc.new_error{ kind = "invalidState", message = "the submission has no driver metadata yet, so a dry run cannot list its hardware IDs",
        advice = "Run without --dry-run to ask for it, or with download.lua --kind driverMetadata --request-metadata." }, 0)
    end
    hdc.request_metadata(submission)
    submission = retry.poll(function()
      local fresh = hdc.submission(product_id, submission_id)
      return metadata_url(fresh) and fresh
    end, { timeout = opts.timeout, interval = math.min(opts.interval, 30), what = "the driver metadata" })
  end
  local tmp = fs.tmpdir("ship")
  local path = fs.join(tmp, "driver-metadata.json")
  hdc.download(submission, "driverMetadata", path)
  local metadata = hdc.json.decode(fs.read(path))
  fs.remove(tmp)

  local ids = {}
  for bundle, bundle_info in pairs(metadata.BundleInfoMap or {}) do
    for inf, inf_info in pairs(bundle_info.InfInfoMap or {}) do
      for os_code, pnps in pairs(inf_info.OSPnPInfoMap or {}) do
        for pnp in pairs(pnps) do
          if selected(pnp, os_code) then
            ids[#ids + 1] = { bundleId = bundle, infId = inf, operatingSystemCode = os_code, pnpString = pnp }
          end
        end
      end
    end
  end
  table.sort(ids, function(a, b) return a.operatingSystemCode .. a.pnpString < b.operatingSystemCode .. b.pnpString end)
  if #ids == 0 then
    error(hdc.new_error{ kind = "invalidInput",
      message = "no hardware ID of the driver metadata matches " .. (#opts.hardware_id > 0 and table.concat(opts.hardware_id, ", ") or "anything"),
      advice = "Check --hardware-id and --os against the INF's hardware IDs." }, 0)
  end

  local targeting = { hardwareIds = ids }
  if #opts.audience > 0 then targeting.restrictedToAudiences = opts.audience end
  if opts.floor or opts.ceiling then targeting.inServicePublishInfo = { flooring = opts.floor, ceiling = opts.ceiling } end
  local body = {
    name = opts.name or ((submission.name or tostring(submission_id)) .. " to " .. opts.destination),
    destination = opts.destination,
    publishingSpecifications = {
      goLiveDate = opts.go_live,
      isAutoInstallDuringOSUpgrade = opts.auto_install, isAutoInstallOnApplicableSystems = opts.auto_install,
      additionalInfoForMsApproval = opts.justification and { businessJustification = opts.justification } or nil,
    },
    targeting = targeting,
  }
  if opts.dry_run then
    local labels = ("/products/%d/submissions/%d/shippingLabels"):format(product_id, submission_id)
    say("dry run: POST " .. labels)
    say("  " .. hdc.json.encode(body, { sort_keys = true }))
    return { dry_run = true, requests = { { method = "POST", path = labels, body = body } } }
  end
  local created = hdc.create_shipping_label(submission, body)
  io.stderr:write(("created shipping label %d with %d hardware IDs\n"):format(created.id, #ids))
  if opts.wait then
    hdc.wait_shipping_label(created, { timeout = opts.timeout, interval = opts.interval, ["until"] = opts["until"] })
  end
  return hdc.shipping_label(created, { include_targeting = true })
end)

if opts.json then
  cli.json(label)
elseif not opts.dry_run then
  local wf = label.workflowStatus ~= hdc.null and label.workflowStatus or {}
  print(("label %d  %s  %s: %s"):format(label.id, label.name, tostring(wf.currentStep), tostring(wf.state)))
end
