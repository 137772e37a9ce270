-- emulator: --step-delay=0 --metadata-delay=3h
-- Submissions a partner shared with this account (set up through the admin API): the partner's
-- IDs translated, the shared submissions listed, driver metadata asked for and waited on for
-- the hours the service takes (the emulator's clock moved), a wait that passes its deadline,
-- and a label shared back to a partner, which cannot be cancelled.
local check = require "check"
local signed_submission = require "signed_submission"

local product, submission, signed, bundle = signed_submission.with_metadata("Own Widget", "own 1.0")
local publisher, source_product, source_submission = 27691110, 14631253285588838, 1152921504621465124

-- Nothing is shared yet.
check.eq(#hdc.shared_submissions(), 0, "no shared submissions")
check.hdc_error("notFound", "entityNotFound", hdc.partner_submission, publisher, source_product, source_submission)

-- A second signed submission becomes the one the partner shared.
local shared_product, shared_submission = signed_submission.with_metadata("Partner Widget", "partner 2.0")
hdc.emulator.admin("POST", "/partner-submissions", {publisherId = publisher, sourceProductId = source_product,
  sourceSubmissionId = source_submission, productId = shared_product.id, submissionId = shared_submission.id})

local found = hdc.partner_submission(publisher, source_product, source_submission)
check.eq(found.id, shared_submission.id, "translated to this account's submission")
check.eq(found.productId, shared_product.id, "and product")
check.eq(hdc.partner_submission(tostring(publisher), source_product, source_submission).id, found.id, "publisher as a string")
check.eq(hdc.product(shared_product.id).sourcePublisherId, publisher, "the product names the partner")
local listed = hdc.shared_submissions()
check.eq(#listed, 1, "one shared submission")
check.eq(listed[1].id, shared_submission.id, "the shared one, not our own")
check.eq(hdc.download_url(hdc.submission(found), "driverMetadata"), nil, "no driver metadata before it is asked for")

-- Asked for, it takes hours: a short deadline passes, then the clock moves and it is there.
local timed_out = check.hdc_error("timeout", nil, hdc.wait_metadata, found, {timeout = "200ms", interval = 0.02})
check.contains(timed_out.message, "driver metadata", "the timeout names what it waited for")
local metadata_route = "POST /products/{productId}/submissions/{submissionId}/createpublishermetadata"
-- Once for each submission as it was signed, once here.
check.eq(check.requests(metadata_route, 202), 3, "asked for once here")
hdc.emulator.advance_clock(3 * 3600)
local states = {}
local with_metadata = hdc.wait_metadata(found, {request = false, timeout = "1m", interval = 0.02,
  on_change = function(c) states[#states + 1] = c.step .. ":" .. c.state end})
check.truthy(hdc.download_url(with_metadata, "driverMetadata"), "the driver metadata is there")
check.eq(states[#states], "driverMetadata:completed", "the last change")
check.eq(check.requests(metadata_route, 202), 3, "not asked again")

-- Our own submission already has metadata: wait_metadata returns at once without asking.
check.truthy(hdc.download_url(hdc.wait_metadata(signed), "driverMetadata"), "own metadata")
check.eq(check.requests(metadata_route, 202), 3, "not asked for what is there")

-- A label shared to a partner: recipientSpecifications, no publishing; it cannot be cancelled.
local label = hdc.create_shipping_label(signed, {name = "to partner", destination = "anotherPartner",
  recipientSpecifications = {receiverPublisherId = tostring(publisher), enforceChidTargeting = false},
  targeting = signed_submission.windows_update_label("x", bundle).targeting})
check.eq(label.destination, "anotherPartner", "shared")
check.eq(label.recipientSpecifications.receiverPublisherId, tostring(publisher), "with the partner")
local refused = check.hdc_error("invalidState", "requestInvalidForCurrentState", hdc.cancel_shipping_label, label)
check.contains(refused.message, "shared with a partner", "the cancel rule")
check.eq(hdc.wait_shipping_label(label, {interval = 0.02}).workflowStatus.currentStep, "finalizeSharing", "shared in the end")
check.eq(product.id ~= shared_product.id, true, "two products")
check.eq(submission.productId, product.id, "own submission")

check.done()
