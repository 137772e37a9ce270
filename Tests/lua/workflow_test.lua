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

fs.remove(tmp)
print("ok")
