-- Every request that changes the service beyond the submit flow's, each once, for the fault
-- matrix (FaultMatrixSlowTests): after a submission is signed, its driver metadata is asked
-- for, a shipping label is created, changed (a CHID added), cancelled in Microsoft approval
-- (the emulator must hold labels there: --approval-delay), and the product and the submission
-- are renamed. Prints one JSON object with the IDs and names on stdout.
-- Usage: hwsubmit service_changes.lua   (against a hwsubmit-emulator the test set faults on;
-- LUA_PATH must reach Tests/lua/support)
local signed_submission = require "signed_submission"

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

local final = hdc.shipping_label(label, {include_targeting = true})
print(hdc.json.encode{
  product_id = product.id, submission_id = signed.id, label_id = label.id,
  product_name = hdc.product(product.id).productName, submission_name = hdc.submission(signed).name,
  chids = #(final.targeting.chids or {}), label_messages = final.workflowStatus.messages,
})
