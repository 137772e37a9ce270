-- emulator: --page-size=2 --step-delay=20ms
-- Submissions and shipping labels without a package: creating, listing, renaming, the state
-- rules the service enforces, a commit that fails its pipeline, a wait that times out.
local check = require "check"

local product = hdc.create_product{productName = "Submission Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
local s = hdc.create_submission(product, {name = "first"})
check.eq(math.type(s.id), "integer", "submission id")
check.eq(s.productId, product.id, "productId")
check.eq(s.commitStatus, "commitPending", "commitStatus")
check.eq(s.downloads.items[1].type, "initialPackage", "the upload URL")
check.contains(s.downloads.items[1].url, "sig=")

-- A second initial submission is refused by the service's state rule.
local second = check.hdc_error("invalidState", "requestInvalidForCurrentState", hdc.create_submission, product.id, {name = "second"})
check.contains(tostring(second), "Initial submission already exists")
check.truthy(second.request_id and second.correlation_id, "the IDs support asks for")

-- The same submission by table and by IDs; renamed.
check.eq(hdc.submission(s).name, "first", "by table")
check.eq(hdc.submission(product.id, s.id).name, "first", "by IDs")
hdc.update_submission(s, {name = "first (renamed)"})
check.eq(hdc.submission(product.id, s.id).name, "first (renamed)", "renamed")
local listed = hdc.collect(hdc.submissions(product))
check.eq(#listed, 1, "submissions of the product")
check.eq(listed[1].id, s.id, "listed submission")

-- Not committed: waiting times out (kind timeout), and metadata cannot be asked for yet.
local timeout = check.hdc_error("timeout", nil, hdc.wait, s, {timeout = 0.3, interval = 0.05})
check.contains(tostring(timeout), "was never committed")
check.contains(tostring(timeout), "commit it")
check.hdc_error("invalidState", "requestInvalidForCurrentState", hdc.request_metadata, s)
check.hdc_error("invalidState", "requestInvalidForCurrentState", hdc.create_shipping_label, s, {
  name = "too early", destination = "windowsUpdate",
  targeting = {hardwareIds = {{bundleId = "b", infId = "x.inf", operatingSystemCode = "WINDOWS_v100_X64_RS5_FULL", pnpString = "usb\\vid_1"}}},
})
check.eq(#hdc.collect(hdc.shipping_labels(s)), 0, "no labels")

-- Committed with nothing uploaded: the pipeline fails, and the wait says so.
hdc.commit(s)
local changes = {}
local failed = check.hdc_error("workflowFailed", nil, hdc.wait, s, {interval = 0.02, on_change = function(change)
  changes[#changes + 1] = change.summary
  check.eq(change.submission.id, s.id, "the change carries the submission")
  hdc.sleep(0)                                  -- a callback may wait for the service too
end})
check.truthy(#changes >= 1, "on_change was called")
check.contains(failed.message, "packageInfoValidation")
check.eq(failed.submission.commitStatus, "commitFailed", "the failed submission comes with the error")
check.contains(failed.error_report_url, "errorReport")
hdc.commit(s)                                   -- committed already: the commit is not sent twice
check.hdc_error("notFound", "entityNotFound", hdc.submission, product.id, 1)

check.done()
