-- signed_submission: a submission of the sample driver package, signed, with its driver
-- metadata asked for and read, for the Lua scripts that need one to label (shipping label
-- tests, the fault matrix's changes).
local driver_package = require "driver_package"
local signed_submission = {}

--- Creates a product named `product_name` and a submission named `submission_name`, uploads the
--- sample package, commits, waits for signing, asks for driver metadata and polls until it is
--- there (at most 60 s). With `options.advance_clock`, the emulator's clock is moved on by that
--- many seconds after the commit (for emulators whose pipeline steps are slow on purpose).
--- Returns the product, the submission as created, the signed submission and the bundle ID the
--- metadata names.
function signed_submission.with_metadata(product_name, submission_name, options)
  local path = driver_package.sample()
  local product = hdc.create_product{productName = product_name, requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
  local submission = hdc.create_submission(product, {name = submission_name})
  hdc.upload(submission, path)
  os.remove(path)
  hdc.commit(submission)
  if options and options.advance_clock then hdc.emulator.advance_clock(options.advance_clock) end
  local signed = hdc.wait(submission, {interval = 0.02})
  hdc.request_metadata(signed)
  local started, with_metadata = hdc.now(), nil
  repeat
    hdc.sleep(0.02)
    local s = hdc.submission(signed)
    for _, item in ipairs(s.downloads.items) do
      if item.type == "driverMetadata" then with_metadata = s end
    end
  until with_metadata or hdc.now() - started > 60
  assert(with_metadata, "no driverMetadata download 60 s after asking for it")
  local metadata_path = os.tmpname()
  hdc.download(with_metadata, "driverMetadata", metadata_path)
  local file = assert(io.open(metadata_path, "rb"))
  local metadata = hdc.json.decode(file:read("a"))
  file:close()
  os.remove(metadata_path)
  return product, submission, with_metadata, next(metadata.BundleInfoMap)
end

--- A Windows Update label named `name` for the sample package's hardware ID in `bundle`.
function signed_submission.windows_update_label(name, bundle)
  return {
    name = name, destination = "windowsUpdate",
    publishingSpecifications = {goLiveDate = "2026-12-01T00:00:00Z",
      isAutoInstallDuringOSUpgrade = false, isAutoInstallOnApplicableSystems = false},
    targeting = {hardwareIds = {{bundleId = bundle, infId = "contosowidget.inf",
      operatingSystemCode = "WINDOWS_v100_X64_RS5_FULL", pnpString = "usb\\vid_0abc&pid_1234"}}},
  }
end

return signed_submission
