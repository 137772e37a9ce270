-- emulator: --page-size=2 --step-delay=20ms
-- Submissions and shipping labels without a package: creating, listing, renaming, the state
-- rules the service enforces, a commit that fails its pipeline, a wait that times out; then
-- listing past the first page.
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
check.contains(tostring(timeout), "In a script: hdc.commit(submission).")
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
-- Committed already: the service refuses the repeat (400), the client finds the commit landed
-- and returns normally; the submission stays committed once.
local commit_route = "POST /products/{productId}/submissions/{submissionId}/commit"
check.eq(check.requests(commit_route, 202), 1, "one commit accepted")
hdc.commit(s)
check.eq(check.requests(commit_route, 202), 1, "still one accepted commit")
check.eq(check.requests(commit_route, 400), 1, "the repeat was refused by the service, not accepted")
check.eq(check.requests(commit_route), 2, "and nothing was sent after the refusal")
check.hdc_error("notFound", "entityNotFound", hdc.submission, product.id, 1)

-- Pages beyond the first: one initial submission per product, so a signed initial one and two
-- derived ones (which need it) make three, at two a page.
local driver_package = require "driver_package"
local path = driver_package.sample()
local listed_product = hdc.create_product{productName = "Listed Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
local initial = hdc.create_submission(listed_product, {name = "initial"})
hdc.upload(initial, path)
hdc.commit(initial)
hdc.wait(initial, {interval = 0.02})
local ids = {initial.id}
for i = 1, 2 do ids[#ids + 1] = hdc.create_submission(listed_product, {name = "derived " .. i, type = "derived"}).id end
hdc.emulator.clear_requests()
local seen = {}
for item in hdc.submissions(listed_product) do seen[#seen + 1] = item end
check.eq(#seen, 3, "every submission, past the first page")
for i = 1, 3 do check.eq(seen[i].id, ids[i], "listed in order") end
check.eq(seen[3].type, "derived", "the one on the second page")
check.eq(check.requests("GET /products/{productId}/submissions", 200), 2, "two pages fetched")
check.eq(#hdc.collect(hdc.submissions(listed_product.id), 2), 2, "collect with a limit")
os.remove(path)

check.done()
