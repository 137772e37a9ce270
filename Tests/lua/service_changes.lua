-- Every request that changes the service beyond the submit flow's, each once, for the fault
-- matrix (FaultMatrixSlowTests): after a submission is signed, its driver metadata is asked
-- for, a shipping label is created, changed (a CHID added), cancelled in Microsoft approval,
-- and the product and the submission are renamed; the submission, which the test set up as
-- shared by a partner, is found from the partner's IDs and its metadata awaited; and a package
-- is sent for pre-production signing, awaited and its signed files downloaded. Prints one JSON
-- object with the IDs and names on stdout (or, when it fails, `{"ok": false, "error": {…}}`).
-- Usage: hwsubmit service_changes.lua   (against a hwsubmit-emulator the test set faults on,
-- started with --metadata-delay 0 and --approval-delay long enough to hold labels in approval,
-- the next submission shared by publisher 27691110 as its product 14631253285588838,
-- submission 1152921504621465124; LUA_PATH must reach Tests/lua/support)
local signed_submission = require "signed_submission"
local driver_package = require "driver_package"
local cli = require "cli"

local result = cli.run(true, function()
  local chid = "7b2c7b6e-2d4e-4b5a-9f3e-1a2b3c4d5e6f"
  local product, _, signed, bundle = signed_submission.with_metadata("Changes Widget", "changes 1.0")

  local label = hdc.create_shipping_label(signed, signed_submission.windows_update_label("changes to Windows Update", bundle))
  hdc.update_shipping_label(label, {targeting = {chids = {{chid = chid, action = "add"}}}})
  hdc.update_product(product.id, {productName = "Changes Widget (renamed)"})
  hdc.update_submission(signed, {name = "changes 1.0 (renamed)"})
  -- The service cancels a label only in Microsoft approval or the rollout after it; the emulator
  -- holds labels in approval (--approval-delay).
  local deadline = hdc.now() + 60
  while hdc.shipping_label(label).workflowStatus.currentStep ~= "microsoftApproval" do
    assert(hdc.now() < deadline, "the shipping label did not reach microsoftApproval within 60 s")
    hdc.sleep(0.02)
  end
  hdc.cancel_shipping_label(label)

  local shared = hdc.partner_submission(27691110, 14631253285588838, 1152921504621465124)
  local with_metadata = hdc.wait_metadata(shared, {interval = 0.02, timeout = 60})

  local path = driver_package.sample()
  local package = hdc.preprod.submit(path)
  os.remove(path)
  hdc.preprod.wait(package, {interval = 0.02, timeout = 60})
  local assets = hdc.preprod.assets(package)
  local target = os.tmpname()
  local got = hdc.preprod.download(assets[1], target)
  os.remove(target)

  local final = hdc.shipping_label(label, {include_targeting = true})
  return {
    product_id = product.id, submission_id = signed.id, label_id = label.id,
    product_name = hdc.product(product.id).productName, submission_name = hdc.submission(signed).name,
    chids = #(final.targeting.chids or {}), label_messages = final.workflowStatus.messages,
    partner_submission_id = shared.id, partner_metadata = hdc.download_url(with_metadata, "driverMetadata") ~= nil,
    preprod_bytes = got.bytes,
  }
end)
print(hdc.json.encode(result))
