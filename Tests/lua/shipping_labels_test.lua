-- emulator: --page-size=2 --step-delay=10s
-- Shipping labels of a signed submission: driver metadata downloaded and read for the targeting,
-- labels created, listed past the first page, fetched, changed, awaited (until Microsoft's
-- approval, and until published) and cancelled where the service allows it. Pipeline steps take
-- ten seconds of the emulator's clock, which the script moves on itself.
local check = require "check"
local signed_submission = require "signed_submission"

-- Driver metadata, asked for and polled for, gives the bundle the labels target.
local product, submission, signed, bundle = signed_submission.with_metadata("Label Widget", "label 1.0", {advance_clock = 100})
check.truthy(type(bundle) == "string", "a bundle ID")

local function label_of(name) return signed_submission.windows_update_label(name, bundle) end

check.bad_argument("bad argument #2 to 'create_shipping_label' (table expected, got string)",
  function() return hdc.create_shipping_label(signed, "label") end)
local labels = {}
for i = 1, 3 do labels[i] = hdc.create_shipping_label(signed, label_of("label " .. i)) end
check.eq(math.type(labels[1].id), "integer", "label id")
check.eq(labels[1].submissionId, submission.id, "its submission")

-- Three labels on pages of two: the iterator fetches the second page.
local listed = hdc.collect(hdc.shipping_labels(signed))
check.eq(#listed, 3, "every label, past the first page")
check.eq(listed[3].id, labels[3].id, "the third")

-- By table and by IDs; changed (the justification inside targeting, as the service reads it).
check.eq(hdc.shipping_label(labels[1]).name, "label 1", "by table")
check.eq(hdc.shipping_label(product.id, submission.id, labels[2].id).name, "label 2", "by IDs")
hdc.update_shipping_label(labels[1], {targeting = {chids = {{chid = "7b2c7b6e-2d4e-4b5a-9f3e-1a2b3c4d5e6f", action = "add"}},
  businessJustification = "For the Contoso 14 laptops"}})
local changed = hdc.shipping_label(labels[1], {include_targeting = true})
check.eq(#changed.targeting.chids, 1, "the CHID added")
check.eq(changed.targeting.businessJustification, "For the Contoso 14 laptops", "the justification")
-- One given beside targeting, as older scripts do, is moved into it.
hdc.update_shipping_label(labels[1], {targeting = {}, businessJustification = "Moved"})
check.eq(hdc.shipping_label(labels[1], {include_targeting = true}).targeting.businessJustification, "Moved", "moved into targeting")

-- Too early to cancel: the service cancels only in Microsoft's approval or the gradual rollout.
local early = check.hdc_error("invalidState", "requestInvalidForCurrentState", hdc.cancel_shipping_label, labels[2])
check.contains(early.message, "Microsoft approval", "why")

-- Awaited until Microsoft's approval: past microsoftApproval, in publishing (the gradual rollout).
hdc.emulator.advance_clock(65)
local changes = 0
local approved = hdc.wait_shipping_label(labels[1], {["until"] = "approval", interval = 0.02, on_change = function(c)
  check.eq(c.shipping_label.id, labels[1].id, "the change carries the label")
  changes = changes + 1
end})
check.truthy(changes >= 1, "on_change was called")
check.eq(approved.workflowStatus.currentStep, "publishing", "approved, now publishing")
hdc.cancel_shipping_label(labels[2])
check.hdc_error("invalidState", "requestInvalidForCurrentState", hdc.cancel_shipping_label, labels[2])
check.bad_argument([[field 'until': "published" or "approval" expected, got "never"]],
  function() return hdc.wait_shipping_label(labels[1], {["until"] = "never"}) end)

-- Awaited until published; a published label can no longer be cancelled.
hdc.emulator.advance_clock(100)
local published = hdc.wait_shipping_label(labels[1], {interval = 0.02})
check.eq(published.id, labels[1].id, "the awaited label")
check.eq(published.workflowStatus.currentStep, "finalizePublishing", "published")
check.hdc_error("invalidState", "requestInvalidForCurrentState", hdc.cancel_shipping_label, labels[3])

-- A label shared with a partner has no approval to wait for, and cannot be cancelled.
local shared_body = label_of("shared")
shared_body.destination = "anotherPartner"
shared_body.publishingSpecifications = nil
shared_body.recipientSpecifications = {receiverPublisherId = "27691110"}
local shared = hdc.create_shipping_label(signed, shared_body)
local not_approval = check.hdc_error("invalidInput", nil, hdc.wait_shipping_label, shared, {["until"] = "approval"})
check.contains(tostring(not_approval), "hdc.wait_shipping_label(label) without", "Lua advice")
check.hdc_error("invalidState", "requestInvalidForCurrentState", hdc.cancel_shipping_label, shared)
check.hdc_error("notFound", "entityNotFound", hdc.shipping_label, product.id, submission.id, 1)

check.done()
