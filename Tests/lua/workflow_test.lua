-- emulator: --step-delay=10ms
-- workflow.submit resuming from a journal whose create was sent but never recorded: it adopts
-- what that run created, never an older product or submission that merely has the same name.
local check = require "check"
local fs = require "fs"
local workflow = require "workflow"

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local package = fs.join(here, "../../examples/contoso-widget")
local tmp = fs.tmpdir("workflow-test")
local journal = fs.join(tmp, "j.json")

local older = hdc.create_product{ productName = "widget 1", requestedSignatures = { "WINDOWS_v100_X64_RS5_FULL" } }
local options = { package = package, name = "widget 1", journal = journal, wait = false }

-- A first run that stops once the product exists (as a crash right after the create would).
local stop = { hooks = { before_step = function(step) if step == "submission" then error("stopped", 0) end end } }
for k, v in pairs(options) do stop[k] = v end
check.eq(check.raises(workflow.submit, stop), "stopped", "the first run stops")
local state = hdc.json.decode(fs.read(journal))
local created = state.product_id
check.truthy(created and created ~= older.id, "the first run created a product of its own")

-- Make the journal say what a crash between the request and the record leaves: an intent.
state.steps.product, state.product_id = nil, nil
state.creating_product = { name = "widget 1", existing = hdc.json.array{ older.id } }
fs.write(journal, hdc.json.encode(state))

local result = workflow.submit(options)
check.eq(result.resumed, true, "resumed")
check.eq(result.product_id, created, "the product the earlier run created, not the older one of the same name")
local posts = 0
for _, r in ipairs(hdc.emulator.requests()) do
  if r.route == "POST /products" then posts = posts + 1 end
end
check.eq(posts, 2, "the older product and the first run's: no third")
check.eq(hdc.submission(result.product_id, result.submission_id).commitStatus:lower() ~= "commitpending", true, "committed")

-- Hooks: on_change sees the ingestion's steps; on_error sees the failure (its step, the error)
-- before it is raised again.
local changes = {}
local signed = workflow.submit{ package = package, name = "widget hooks", interval = 0.02, max_interval = 0.05,
  hooks = { on_change = function(change) changes[#changes + 1] = change.summary end } }
check.eq(signed.status, "signed", "signed")
check.truthy(#changes >= 2, "on_change saw the steps: " .. table.concat(changes, " | "))
hdc.emulator.fail_at("next", "scanning", { "Virus scan flagged contosowidget.sys." })
local failures = {}
local err = check.hdc_error("workflowFailed", nil, workflow.submit, { package = package, name = "widget fails", interval = 0.02, max_interval = 0.05,
  hooks = { on_error = function(step, e, ctx) failures[#failures + 1] = { step = step, err = e, submission = ctx.journal.submission_id } end } })
check.eq(#failures, 1, "on_error was told once")
check.eq(failures[1].step, "wait", "at the step that failed")
check.eq(failures[1].err, err, "the error it then raised")
check.truthy(failures[1].submission, "with what is known so far")
check.contains(err.message, "Virus scan flagged contosowidget.sys.")

-- client: the flow talks through the client given. One that does not retry fails on a 503 the
-- default client would have retried past.
local once = hdc.connect{ max_attempts = 1 }
hdc.emulator.fault{ route = "GET /products/{productId}", status = 503, count = 1 }
check.hdc_error("server", nil, workflow.submit, { package = package, product_id = signed.product_id, type = "derived", wait = false, client = once })
hdc.emulator.clear_faults()
local derived = workflow.submit{ package = package, product_id = signed.product_id, type = "derived", wait = false, client = once, name = "widget derived" }
check.eq(hdc.submission(derived.product_id, derived.submission_id).type, "derived", "created through the client")

-- A resume after the submission's create landed but its answer was lost (and the lookup that
-- would have settled it failed too): the rerun adopts that submission, sends no second create.
local lost_journal = fs.join(tmp, "lost.json")
local lost = { package = package, name = "widget lost answer", journal = lost_journal, wait = false }
local creates = check.requests("POST /products/{productId}/submissions")
hdc.emulator.fault{ route = "POST /products/{productId}/submissions", drop = true, after = true, count = 5 }
-- The third listing is the lookup after the lost answer: the first two are the journal's note of
-- what exists and the client's own, made before it sends a create.
hdc.emulator.fault{ route = "GET /products/{productId}/submissions", drop = true, nth = 3, count = 50 }
check.hdc_error("uncertainOutcome", nil, workflow.submit, lost)
hdc.emulator.clear_faults()
check.eq(check.requests("POST /products/{productId}/submissions"), creates + 1, "the create was sent once")
local adopted = workflow.submit(lost)
check.eq(adopted.resumed, true, "resumed")
check.eq(check.requests("POST /products/{productId}/submissions"), creates + 1, "no second create")
local named = 0
for s in hdc.submissions(adopted.product_id) do
  if s.name == "widget lost answer" then named = named + 1; check.eq(s.id, adopted.submission_id, "the one the lost answer named") end
end
check.eq(named, 1, "exactly one submission of that name")
check.truthy(hdc.submission(adopted.product_id, adopted.submission_id).commitStatus:lower() ~= "commitpending", "and it was committed")

-- A dry run writes nothing: not the journal, not the zip beside it; the zip it made to know the
-- package's size is removed, also when the run fails after making it.
local dry_journal = fs.join(tmp, "dry.json")
local zip_seen
local dry = workflow.submit{ package = package, journal = dry_journal, dry_run = true, download = fs.join(tmp, "signed.zip"),
  on_request = function() end, hooks = { after_step = function(step, ctx) if step == "package" then zip_seen = ctx.journal.zip end end } }
check.eq(dry.zip, nil, "no zip to speak of after a dry run")
check.truthy(zip_seen and not fs.exists(zip_seen), "the dry run's zip is gone: " .. tostring(zip_seen))
check.eq(fs.exists(dry_journal), false, "no journal")
check.eq(fs.exists(fs.join(tmp, "dry.zip")), false, "no zip beside the journal")
check.eq(fs.exists(fs.join(tmp, "signed.zip")), false, "no download")
check.truthy(dry.requests[4].note:match("contoso%-widget%.zip, %d+ bytes"), "the upload's size: " .. tostring(dry.requests[4].note))
zip_seen = nil
local failing = { package = package, dry_run = true, on_request = function() end, hooks = {
  after_step = function(step, ctx) if step == "package" then zip_seen = ctx.journal.zip; error("stopped after zipping", 0) end end } }
check.eq(check.raises(workflow.submit, failing), "stopped after zipping", "the hook's error")
check.truthy(zip_seen and not fs.exists(zip_seen), "a failed dry run's zip is gone too")

-- wait_metadata: the driver metadata asked for once, the request kept in the journal, so a rerun
-- after a wait that passed its deadline only waits; a dry run shows the request. The submission
-- is one a partner shared, whose metadata the emulator makes hours after it is asked for.
local metadata_route = "POST /products/{productId}/submissions/{submissionId}/createpublishermetadata"
local asked = check.requests(metadata_route, 202)
hdc.emulator.admin("POST", "/partner-submissions", { publisherId = 27691110, sourceProductId = 1, sourceSubmissionId = 2, submissionId = "next" })
local metadata_options = { package = package, name = "widget metadata", journal = fs.join(tmp, "metadata.json"),
  interval = 0.02, max_interval = 0.05, timeout = 2, wait_metadata = true }
local late = check.hdc_error("timeout", nil, workflow.submit, metadata_options)
check.contains(late.message, "driver metadata", "the deadline of the metadata step")
check.eq(check.requests(metadata_route, 202), asked + 1, "asked for once")
check.eq(hdc.json.decode(fs.read(metadata_options.journal)).metadata_requested, true, "the journal keeps the request")
hdc.emulator.advance_clock(3 * 3600)
local with_metadata = workflow.submit(metadata_options)
check.eq(with_metadata.resumed, true, "resumed")
check.eq(with_metadata.driver_metadata, true, "the result says so")
check.truthy(hdc.download_url(hdc.submission(with_metadata.product_id, with_metadata.submission_id), "driverMetadata"),
  "the submission has its driver metadata")
check.eq(check.requests(metadata_route, 202), asked + 1, "a resumed wait does not ask again")
local lines = {}
workflow.submit{ package = package, dry_run = true, wait_metadata = true, on_request = function(line) lines[#lines + 1] = line end }
check.contains(table.concat(lines, "\n"), "/createpublishermetadata (when it has no driver metadata)", "the dry run's request")
check.contains(tostring(check.raises(workflow.submit, { package = package, wait_metadata = true, bogus = 1 })), "unknown option 'bogus'")

fs.remove(tmp)
print("ok")
